// Where tests read the real corpus: CORPUS_DIR, else ../shared/corpus beside the project.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const corpusDir = process.env.CORPUS_DIR ? path.resolve(process.env.CORPUS_DIR) : path.resolve(projectRoot, '../shared/corpus');
