/* Annals search page for large sites: queries the Pagefind index, which the browser loads in
 * small chunks as a query needs them, and links each result to its event's permalink. */
const root = new URL("../", import.meta.url);
const input = document.getElementById("annals-search-input");
const status = document.getElementById("annals-search-status");
const list = document.getElementById("annals-search-results");
const MAX_SHOWN = 20;

const pagefind = await import(new URL("pagefind/pagefind.js", root).href);
pagefind.init();

// Pagefind's excerpt is HTML (with <mark>); read it as text so no markup can come through.
const plain = (markup) => new DOMParser().parseFromString(markup, "text/html").body.textContent;

async function run() {
  const query = input.value.trim();
  const url = new URL(location.href);
  if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
  history.replaceState(history.state, "", url.href);
  if (!query) {
    status.textContent = "";
    list.replaceChildren();
    return;
  }
  const search = await pagefind.debouncedSearch(query);
  if (search === null) return; // a newer query superseded this one
  const found = await Promise.all(search.results.slice(0, MAX_SHOWN).map((r) => r.data()));
  const total = search.results.length;
  status.textContent = total === 0 ? "No event matches." :
    `${total} event${total === 1 ? "" : "s"}${total > MAX_SHOWN ? `, the first ${MAX_SHOWN}` : ""}`;
  list.replaceChildren(...found.map((data) => {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = new URL(data.meta.permalink, root).href;
    link.textContent = data.meta.title;
    const when = document.createElement("span");
    when.className = "annals-search-date";
    when.textContent = ` ${data.meta.date}${data.meta.topic ? ` · ${data.meta.topic}` : ""}`;
    const excerpt = document.createElement("p");
    excerpt.textContent = plain(data.excerpt);
    item.append(link, when, excerpt);
    return item;
  }));
}

input.addEventListener("input", run);
input.value = new URLSearchParams(location.search).get("q") || "";
if (input.value) run();
