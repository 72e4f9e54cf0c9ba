/**
 * The web version of a letter (`/w/<code>`) is the letter's own HTML, made for paper and mail clients. As a
 * web page it also needs a `main` landmark and an `h1` (WCAG 1.3.1, 2.4.6), and it must not promise what the
 * page does not do: "laten voorlezen" is left out of the web page (a browser's own read-aloud still works).
 */
export function asWebPage(html: string): string {
  const title = /<title>([^<]*)<\/title>/i.exec(html)?.[1]?.trim() ?? 'Brief';
  const heading =
    '<h1 style="position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;' +
    `clip:rect(0 0 0 0);white-space:nowrap;border:0">${title}</h1>`;
  const withMain = /<body[^>]*>/i.test(html)
    ? html.replace(/<body([^>]*)>/i, `<body$1><main>${heading}`).replace(/<\/body>/i, '</main></body>')
    : `<main>${heading}${html}</main>`;
  return withMain.replace(/ online lezen of laten voorlezen:/g, ' online lezen:');
}
