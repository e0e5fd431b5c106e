/**
 * The part of mjml 5's API that electron/services/render.ts uses (the package ships no type definitions).
 * In mjml 5 the compiler returns a Promise.
 */
declare module 'mjml' {
  export interface MjmlError {
    line: number;
    message: string;
    tagName: string;
    formattedMessage: string;
  }

  export interface MjmlOptions {
    /** "soft" collects validation errors in `errors` instead of throwing. */
    validationLevel?: 'strict' | 'soft' | 'skip';
    keepComments?: boolean;
    /** mj-include reads files; kept off, templates come from the database. */
    ignoreIncludes?: boolean;
    beautify?: boolean;
    minify?: boolean;
    fonts?: Record<string, string>;
  }

  export interface MjmlResult {
    html: string;
    errors: MjmlError[];
  }

  function mjml2html(input: string, options?: MjmlOptions): Promise<MjmlResult>;
  export default mjml2html;
}
