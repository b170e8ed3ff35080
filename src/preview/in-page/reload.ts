/**
 * paiban preview: reloads the page when the server has rebuilt it (a source, template or
 * style changed), keeping the reader's place. Loaded after Paged.js and the build's page
 * handlers on an article's page; alone on the list and error pages, which have no Paged.js.
 */
const shown = document.querySelector<HTMLMetaElement>('meta[name="paiban-preview-version"]')?.content;
const key = `paiban-preview-scroll:${location.pathname}`;
const events = new EventSource("/events");
// Sent on connecting and after every rebuild: a page of another version is out of date.
events.addEventListener("version", (event) => {
  if (event.data === shown) return;
  sessionStorage.setItem(key, String(window.scrollY));
  location.reload();
});

function restorePlace(): void {
  const y = sessionStorage.getItem(key);
  sessionStorage.removeItem(key);
  if (y !== null) window.scrollTo(0, Number(y));
}

const Paged = window.Paged;
if (Paged) {
  // The place exists only once the pages are laid out.
  class RestorePlace extends Paged.Handler {
    afterRendered(): void {
      restorePlace();
    }
  }
  Paged.registerHandlers(RestorePlace);
} else {
  addEventListener("load", restorePlace);
}

// A module of its own (its names stay out of the global scope); it exports nothing.
export {};
