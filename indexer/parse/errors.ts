/** A file that cannot become a page; `reason` is what the build reports for it. */
export class ParseError extends Error {
  override name = 'ParseError';
  constructor(readonly reason: string) {
    super(reason);
  }
}
