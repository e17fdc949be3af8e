// The maintainers' summary: votes, the questions the bot could not answer, the answers voted down.
import type { APIEmbed } from 'discord.js';
import type { FeedbackSummary } from './feedback-store.ts';
import { EMBED_COLOUR, fitEmbeds } from './render-common.ts';
import { maskedLink, oneLine, safeLine, withoutControls } from './safe-text.ts';

export function renderFeedbackSummary(summary: FeedbackSummary): APIEmbed[] {
  const period = summary.since ? `since <t:${Math.floor(summary.since / 1000)}:D>` : 'all time';
  const unanswered = summary.topUnanswered.map(
    (row) => `${row.count}× ${safeLine(row.question, 150)} (last <t:${Math.floor(row.lastAskedAt / 1000)}:R>)`,
  );
  const downvoted = summary.mostDownvoted.map((row) => {
    const first = row.citedUrls[0];
    const source = first ? ` · ${maskedLink('first source', first)}` : '';
    return `👎 ${row.down} 👍 ${row.up} · /${row.kind} ${safeLine(row.question, 150)}${source}`;
  });
  const embed: APIEmbed = {
    title: `Feedback summary (${summary.since ? 'recent' : 'all time'})`,
    description: `Period: ${period}\n👍 ${summary.votes.up} · 👎 ${summary.votes.down} · unanswered questions: ${summary.totalUnanswered}`,
    color: EMBED_COLOUR,
    fields: [
      { name: 'Most asked without an answer', value: unanswered.join('\n') || 'None recorded.' },
      { name: 'Answers voted down', value: downvoted.join('\n') || 'None recorded.' },
    ],
    footer: { text: 'From the bot’s local feedback database. Also: npm run feedback' },
  };
  return fitEmbeds([embed]);
}

/** Question text and URLs fit for a terminal: no control characters, one line. */
export function terminalSafeSummary(summary: FeedbackSummary): FeedbackSummary {
  const clean = (text: string) => oneLine(withoutControls(text));
  return {
    ...summary,
    topUnanswered: summary.topUnanswered.map((row) => ({ ...row, question: clean(row.question) })),
    mostDownvoted: summary.mostDownvoted.map((row) => ({
      ...row,
      question: clean(row.question),
      citedUrls: row.citedUrls.map(clean),
    })),
  };
}

/** The same summary as plain text, for the terminal (pass it through terminalSafeSummary). */
export function formatFeedbackSummaryText(summary: FeedbackSummary): string {
  const lines = [
    `Feedback summary (${summary.since ? `since ${new Date(summary.since).toISOString()}` : 'all time'})`,
    `Votes: ${summary.votes.up} up, ${summary.votes.down} down`,
    `Unanswered questions: ${summary.totalUnanswered}`,
    '',
    'Most asked without an answer:',
    ...(summary.topUnanswered.length > 0
      ? summary.topUnanswered.map(
          (row) => `  ${String(row.count).padStart(4)}×  ${row.question}  (last ${new Date(row.lastAskedAt).toISOString()})`,
        )
      : ['  (none)']),
    '',
    'Answers voted down:',
    ...(summary.mostDownvoted.length > 0
      ? summary.mostDownvoted.flatMap((row) => [
          `  -${row.down} +${row.up}  /${row.kind} ${row.question}`,
          ...row.citedUrls.slice(0, 3).map((url) => `        ${url}`),
        ])
      : ['  (none)']),
  ];
  return lines.join('\n');
}
