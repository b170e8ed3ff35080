// paiban preview: reload the page when the server has rebuilt it (a source, template or
// style changed), keeping the reader's place. Loaded before Paged.js, which reads
// window.PagedConfig when it loads.
(function reloadOnRebuild() {
  const shown = document.querySelector('meta[name="paiban-preview-version"]')?.content;
  const key = `paiban-preview-scroll:${location.pathname}`;
  const events = new EventSource("/events");
  // Sent on connecting and after every rebuild: a page of another version is out of date.
  events.addEventListener("version", (event) => {
    if (event.data === shown) return;
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  });

  const restore = () => {
    const y = sessionStorage.getItem(key);
    sessionStorage.removeItem(key);
    if (y !== null) window.scrollTo(0, Number(y));
  };
  window.PagedConfig = window.PagedConfig || {};
  const after = window.PagedConfig.after;
  // The place exists only once the pages are laid out.
  window.PagedConfig.after = async (flow) => {
    if (after) await after(flow);
    restore();
  };
  // A page without Paged.js (the error page) has its place at once.
  if (!document.querySelector('script[src$="paged.polyfill.js"]')) addEventListener("load", restore);
})();
