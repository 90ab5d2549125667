/**
 * Copy to the clipboard from the panel. DevTools hosts extension panels in an iframe without the clipboard-write
 * permission policy, so navigator.clipboard.writeText can reject there
 * (https://developer.chrome.com/docs/extensions/how-to/devtools/extend-devtools#clipboard: "not supported in
 * DevTools panels"); the fallback is a selected textarea and execCommand('copy'), which works inside the click.
 */
export async function copyText(text: string, doc: Document = document): Promise<boolean> {
  try {
    // Absent outside secure contexts and in older browsers, whatever the DOM types say.
    const clipboard: Partial<Clipboard> | undefined = doc.defaultView?.navigator.clipboard;
    if (clipboard?.writeText) {
      await clipboard.writeText(text);
      return true;
    }
  } catch {
    /* fall back below */
  }
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  doc.body.append(area);
  area.select();
  let ok = false;
  try {
    // Deprecated, but the only copy left in a DevTools panel when the Clipboard API is refused (see above).
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    ok = doc.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}
