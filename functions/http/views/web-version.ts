/**
 * The web version of a letter (`/w/<code>`) is the letter's own HTML, made for paper and mail clients. As a
 * web page it also needs a `main` landmark and an `h1` (WCAG 1.3.1, 2.4.6). The paper letter promises "online
 * lezen of laten voorlezen", so the page keeps that promise: a button reads the letter aloud through the
 * browser's own speech synthesis, from a script the app serves itself (the CSP admits no inline script). The
 * button stays hidden where the browser cannot speak or runs no script; its own read-aloud still works there.
 */
export const READ_ALOUD_SCRIPT_PATH = '/assets/voorlezen.js';

const READ_ALOUD_BUTTON =
  '<p><button type="button" data-voorlezen hidden style="font:inherit;font-size:16px;padding:8px 16px;' +
  'border:2px solid #1a1a1a;border-radius:4px;background:#ffffff;color:#1a1a1a;cursor:pointer">' +
  'Laten voorlezen</button></p>';

export function asWebPage(html: string): string {
  const title = /<title>([^<]*)<\/title>/i.exec(html)?.[1]?.trim() ?? 'Brief';
  const heading =
    '<h1 style="position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;' +
    `clip:rect(0 0 0 0);white-space:nowrap;border:0">${title}</h1>`;
  const script = `<script src="${READ_ALOUD_SCRIPT_PATH}" defer></script>`;
  return /<body[^>]*>/i.test(html)
    ? html
        .replace(/<body([^>]*)>/i, `<body$1><main>${heading}${READ_ALOUD_BUTTON}`)
        .replace(/<\/body>/i, `</main>${script}</body>`)
    : `<main>${heading}${READ_ALOUD_BUTTON}${html}</main>${script}`;
}

/**
 * Reads the letter aloud in Dutch with the browser's speech synthesis; a second press stops. It reads the main
 * landmark's text without the button itself, and shows the button only where speaking is possible.
 */
export const READ_ALOUD_SCRIPT = `(() => {
  const button = document.querySelector('[data-voorlezen]');
  const main = document.querySelector('main');
  if (!button || !main || !('speechSynthesis' in window) || typeof SpeechSynthesisUtterance !== 'function') return;
  const synth = window.speechSynthesis;
  const idle = () => { button.textContent = 'Laten voorlezen'; delete button.dataset.spreekt; };
  button.hidden = false;
  idle();
  button.addEventListener('click', () => {
    if (button.dataset.spreekt === 'ja') { synth.cancel(); idle(); return; }
    const copy = main.cloneNode(true);
    copy.querySelectorAll('[data-voorlezen], script, style').forEach((el) => el.remove());
    const text = (copy.textContent || '').replace(/\\s+/g, ' ').trim();
    if (!text) return;
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = 'nl-NL';
    const voice = synth.getVoices().find((v) => v.lang && v.lang.toLowerCase().startsWith('nl'));
    if (voice) utterance.voice = voice;
    utterance.onend = idle;
    utterance.onerror = idle;
    synth.cancel();
    button.textContent = 'Stoppen met voorlezen';
    button.dataset.spreekt = 'ja';
    synth.speak(utterance);
  });
})();
`;
