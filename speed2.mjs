import {unified} from 'unified'; import remarkParse from 'remark-parse'; 
import matter from 'gray-matter'; import fs from 'node:fs'; import path from 'node:path';
function* walk(d){ for (const e of fs.readdirSync(d,{withFileTypes:true})) { const p=path.join(d,e.name); if(e.isDirectory()) yield* walk(p); else if(p.endsWith('.md')) yield p; } }
const files=[...walk(process.argv[2])].slice(0,+process.argv[3]);
const proc=unified().use(remarkParse);
const res=[]; let tot=0;
for (const f of files){ const s=fs.readFileSync(f,'utf8'); const m=matter(s); const t0=performance.now(); proc.parse(m.content); const dt=performance.now()-t0; tot+=dt; res.push([dt,s.length,f]); }
res.sort((a,b)=>b[0]-a[0]); console.log('total',tot.toFixed(0)); let c=0; for(const r of res.slice(0,15)) console.log(r[0].toFixed(0),r[1],r[2].slice(-60));
const top=res.slice(0,Math.floor(res.length*0.02)).reduce((a,r)=>a+r[0],0); console.log('top2%',top.toFixed(0));
