/* Annals: filters, copy-link buttons and permalinks on topic pages. The server renders every
 * event visible and the form hidden, so pages are complete without this. No dependency.
 *
 * A split topic's overview holds no event cards: its filters search the topic's event map
 * (loaded on first use) and list the matching events of every year, and an old link to an
 * event (topics/<topic>/#<event>) is sent on to the event's page. When it is set up, the script
 * marks <html data-annals-ready="1">, and counts finished filterings in data-annals-filtered. */
(() => {
  "use strict";

  const PARAMS = ["actor", "tag", "place", "from", "to", "q"];
  const COPIED_MS = 2000;

  // Lower case without accents, compatibility forms or invisible characters, so that "seoul"
  // finds "Séoul", "SEOUL", "ＳＥＯＵＬ" and "Se\u200Boul" (generator/lookalike.py does the same
  // for the search indexes).
  const fold = (text) => text.normalize("NFKD")
    .replace(/[\p{M}\p{Default_Ignorable_Code_Point}]/gu, "").toLowerCase();
  const words = (text) => fold(text).split(/\s+/).filter(Boolean);

  // Whether one event passes one filter.
  const TESTS = {
    actor: (event, value) => event.actors.includes(value),
    tag: (event, value) => event.tags.includes(value),
    place: (event, value) => event.places.includes(value),
    from: (event, value) => event.year >= Number(value),
    to: (event, value) => event.year <= Number(value),
    q: (event, value) => words(value).every((word) => event.text.includes(word)),
  };

  // What the filters test, read from the card itself (its chips and its date) when a filter
  // first needs it: a page of many cards is ready sooner.
  function describe(article) {
    const chips = (kind, tag) =>
      [...article.querySelectorAll(`:scope > p.${kind} > ${tag}`)];
    const known = {};
    const lazy = (name, read) => () => {
      if (!(name in known)) known[name] = read();
      return known[name];
    };
    const fields = {
      // An actor's link ends in its id: actors/<id>/.
      actors: lazy("actors", () =>
        chips("actors", "a").map((a) => a.getAttribute("href").split("/").at(-2))),
      tags: lazy("tags", () => chips("tags", "a").map((a) => a.textContent)),
      places: lazy("places", () => chips("places", "span").map((span) => span.textContent)),
      month: lazy("month", () => {
        const time = article.querySelector(":scope > time");
        return monthOf(time && time.getAttribute("datetime") || "");
      }),
      year: lazy("year", () => Math.floor(event.month / 12)),
      // Search the reader's text, not the controls' labels ("¶", "Copy link").
      text: lazy("text", () => {
        const copy = article.cloneNode(true);
        copy.querySelectorAll(".headerlink, .annals-copy").forEach((node) => node.remove());
        return fold(copy.textContent.replace(/\s+/g, " "));
      }),
    };
    const event = { article };
    for (const [name, read] of Object.entries(fields)) {
      Object.defineProperty(event, name, { get: read, enumerable: true });
    }
    return event;
  }

  // A machine date ("2016", "2016-07", "2016-07-08T10:00+09:00") as months from year 0.
  function monthOf(datetime) {
    const [year, month] = datetime.split("-");
    return Number(year) * 12 + (Number(month) || 1) - 1;
  }

  const marks = document.documentElement.dataset;
  const finished = () => {
    marks.annalsFiltered = String(Number(marks.annalsFiltered || 0) + 1);
  };

  // A split topic's event map: one request, kept for the page's life.
  const maps = new Map();
  function loadMap(address) {
    const url = new URL(address, location.href).href;
    if (!maps.has(url)) {
      maps.set(url, fetch(url).then((response) => {
        if (!response.ok) throw new Error(`${response.status} for ${url}`);
        return response.json();
      }).then((data) => ({
        base: url,
        events: data.events.map(([id, page, datetime, date, title, actors, tags, places]) => ({
          id, date, title, month: monthOf(datetime), year: monthOf(datetime) / 12 | 0,
          href: `${new URL(data.pages[page], url).href}#${id}`,
          actors: actors.map((n) => data.actors[n]),
          tags: tags.map((n) => data.tags[n]),
          places: places.map((n) => data.places[n]),
          text: fold(`${date} ${title}`),
        })),
      })));
    }
    return maps.get(url);
  }

  function setupFilters(signal) {
    const form = document.querySelector("form.annals-filters");
    if (!form) return null;
    const events = [...document.querySelectorAll("article.annals-event")].map(describe);
    const mapAddress = form.getAttribute("data-map");
    const results = document.querySelector("ol.annals-results");
    const count = document.querySelector(".annals-filter-count");
    const box = form.closest("details.annals-filterbox");
    const active = document.querySelector(".annals-active");
    const chart = document.querySelector(".annals-chart__svg[data-first]");
    const empty = document.querySelector(".annals-filter-empty");
    const controls = {};
    for (const name of PARAMS) {
      const control = form.elements.namedItem(name);
      if (control && "value" in control) controls[name] = control;
    }
    const sequence = document.querySelectorAll(
      'h2[id^="year_"], .annals-month, article.annals-event'
    );

    const state = () => {
      const values = {};
      for (const [name, { value }] of Object.entries(controls)) {
        if (value.trim()) values[name] = value.trim();
      }
      return values;
    };
    const passes = (event, values, names = Object.keys(values)) =>
      names.every((name) => TESTS[name](event, values[name]));

    function setControl(name, value) {
      const control = controls[name];
      if (!control) return;
      // A value a select does not offer means "any".
      if (control.tagName === "SELECT" && ![...control.options].some((o) => o.value === value)) {
        value = "";
      }
      control.value = value;
    }

    function writeUrl(values) {
      const url = new URL(location.href);
      // Other parameters (Material's search highlight "h") and the hash are kept.
      for (const name of PARAMS) url.searchParams.delete(name);
      for (const name of PARAMS) if (values[name]) url.searchParams.set(name, values[name]);
      if (url.href !== location.href) history.replaceState(history.state, "", url.href);
    }

    // What the filters show, beside the list: the box's summary, a removable chip per active
    // filter, each bar's matching share, and the table of contents' years without a match.
    function describeState(values, matched) {
      const names = Object.keys(values);
      if (box) {
        box.querySelector("summary").textContent =
          names.length ? `Filter events (${names.length} active)` : "Filter events";
      }
      if (active) {
        active.replaceChildren(...names.map((name) => {
          const chip = document.createElement("button");
          chip.type = "button";
          chip.className = "annals-chip annals-chip--remove";
          const control = controls[name];
          const shown = control.tagName === "SELECT"
            ? control.selectedOptions[0].textContent : `“${values[name]}”`;
          chip.textContent = `${control.closest("label").firstChild.textContent.trim()}: ${shown}`;
          chip.setAttribute("aria-label", `Remove the filter ${chip.textContent}`);
          chip.addEventListener("click", () => {
            setControl(name, "");
            apply();
          });
          return chip;
        }));
        active.hidden = names.length === 0;
      }
      if (chart) shade(names.length ? matched : null);
      for (const marker of document.querySelectorAll(".annals-map__place")) {
        marker.classList.toggle("annals-map__place--on",
          marker.getAttribute("data-place") === values.place);
      }
    }

    // A link to a period with no match: marked, and out of reach of clicks and the keyboard
    // (followed, it would have to clear the filters).
    function disable(link, off) {
      if (off) {
        link.setAttribute("aria-disabled", "true");
        link.setAttribute("tabindex", "-1");
      } else {
        link.removeAttribute("aria-disabled");
        link.removeAttribute("tabindex");
      }
    }

    function shade(matched) {
      chart.querySelectorAll(".annals-chart__match").forEach((node) => node.remove());
      chart.classList.toggle("annals-chart--filtered", Boolean(matched));
      if (!matched) {
        chart.querySelectorAll("a[aria-disabled]").forEach((link) => disable(link, false));
        return;
      }
      const first = Number(chart.dataset.first);
      const size = Number(chart.dataset.size);
      const counts = new Map();
      for (const event of matched) {
        const slot = Math.floor((event.month - first) / size);
        counts.set(slot, (counts.get(slot) || 0) + 1);
      }
      for (const rect of chart.querySelectorAll(".annals-chart__bars rect")) {
        const slot = Math.floor(Number(rect.getAttribute("x")));
        const hits = counts.get(slot) || 0;
        const link = rect.parentElement.closest("a");
        if (link) disable(link, hits === 0);
        if (!hits) continue;
        const bottom = Number(rect.getAttribute("y")) + Number(rect.getAttribute("height"));
        const match = rect.cloneNode(false);
        match.setAttribute("class", "annals-chart__match");
        match.setAttribute("y", String(bottom - hits));
        match.setAttribute("height", String(hits));
        rect.after(match);
      }
    }

    function markContents() {
      for (const heading of document.querySelectorAll('h2[id^="year_"]')) {
        for (const link of document.querySelectorAll(`.md-nav a[href="#${heading.id}"]`)) {
          link.classList.toggle("annals-toc-empty", heading.hidden);
          disable(link, heading.hidden);
        }
      }
    }

    // The overview of a split topic: list the matches of every year from the event map.
    let asked = 0;
    async function applyToMap(values) {
      const ticket = ++asked;
      writeUrl(values);
      if (!Object.keys(values).length) {
        results.hidden = true;
        results.replaceChildren();
        if (count) count.textContent = "";
        if (empty) empty.hidden = true;
        describeState(values, null);
        finished();
        return;
      }
      let map;
      try {
        map = await loadMap(mapAddress);
      } catch (error) {
        if (count) count.textContent = "The list of events could not be loaded.";
        finished();
        return;
      }
      if (ticket !== asked) return; // a newer change is being applied
      const matches = map.events.filter((event) => passes(event, values));
      const items = matches.map((event) => {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = event.href;
        link.textContent = `${event.date}: ${event.title}`;
        item.append(link);
        return item;
      });
      results.replaceChildren(...items);
      results.hidden = matches.length === 0;
      const total = map.events.length;
      const text = `Showing ${matches.length} of ${total} ${total === 1 ? "event" : "events"}`;
      if (count && count.textContent !== text) count.textContent = text;
      if (empty) empty.hidden = matches.length > 0;
      describeState(values, matches);
      finished();
    }

    function apply() {
      const values = state();
      if (mapAddress && results) {
        applyToMap(values);
        return;
      }
      let shown = 0;
      for (const event of events) {
        const visible = passes(event, values);
        event.article.hidden = !visible;
        if (visible) shown += 1;
      }
      let year = null;
      let month = null;
      for (const node of sequence) {
        if (node.tagName !== "ARTICLE") {
          node.hidden = true; // until an event of its section shows
          if (node.tagName === "H2") [year, month] = [node, null];
          else month = node;
        } else if (!node.hidden) {
          if (year) year.hidden = false;
          if (month) month.hidden = false;
        }
      }
      const total = events.length;
      const noun = total === 1 ? "event" : "events";
      const text = shown === total
        ? `Showing all ${total} ${noun}`
        : `Showing ${shown} of ${total} ${noun}`;
      // Only a real change is announced by the live region.
      if (count && count.textContent !== text) count.textContent = text;
      if (empty) empty.hidden = shown > 0 || total === 0;
      writeUrl(values);
      describeState(values, events.filter((event) => !event.article.hidden));
      markContents();
      finished();
    }

    function clear() {
      for (const name of Object.keys(controls)) setControl(name, "");
      apply();
    }

    // Clear only the filters that hide this event, then show it.
    function reveal(article) {
      const event = events.find((candidate) => candidate.article === article);
      if (!event || !article.hidden) return;
      const values = state();
      for (const name of Object.keys(values)) {
        if (!passes(event, values, [name])) setControl(name, "");
      }
      apply();
    }

    const query = new URLSearchParams(location.search);
    for (const name of PARAMS) setControl(name, query.get(name) || "");
    form.hidden = false;
    if (box) {
      box.hidden = false;
      // Open beside the timeline on a wide screen; folded on a phone, where the chips say
      // which filters are on.
      box.open = matchMedia("(min-width: 45em)").matches;
    }
    for (const map of document.querySelectorAll("details.annals-map")) {
      map.open = matchMedia("(min-width: 60em)").matches;
    }
    apply();

    form.addEventListener("input", apply, { signal });
    form.addEventListener("change", apply, { signal });
    // Enter would reload the page; filters apply as one types.
    form.addEventListener("submit", (e) => e.preventDefault(), { signal });
    // A native reset fires before the controls change.
    form.addEventListener("reset", (e) => {
      e.preventDefault();
      clear();
    }, { signal });
    // A place on the map, or in the list beside it, selects that place in the filter (its
    // link, ?place=…, is the filter's own address: without the script it still leads there).
    document.querySelectorAll('.annals-map a[href^="?place="]').forEach((link) => {
      link.addEventListener("click", (event) => {
        if (!controls.place || event.ctrlKey || event.metaKey || event.shiftKey) return;
        event.preventDefault();
        setControl("place", new URLSearchParams(link.getAttribute("href")).get("place") || "");
        apply();
      }, { signal });
    });
    document.querySelectorAll(".annals-filter-clear").forEach((button) => {
      button.addEventListener("click", () => {
        clear();
        // The button has just been hidden: keep the keyboard focus in the form.
        const first = form.querySelector("select, input");
        if (first) first.focus();
      }, { signal });
    });
    return { reveal, clear, mapAddress };
  }

  async function copyText(text) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (error) {
      // No Clipboard API (plain http) or permission denied: the old way, via a selection.
    }
    const field = document.createElement("textarea");
    field.value = text;
    field.style.cssText = "position:fixed;opacity:0";
    document.body.append(field);
    field.select();
    let copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {} // refused too: the button says so
    field.remove();
    return copied;
  }

  // Made here: without JavaScript a button could do nothing, and would weigh on every page;
  // the title's permalink sign too (the title's id is the permalink with or without it).
  function setupCopyButtons(signal) {
    document.querySelectorAll("article.annals-event > h3[id]").forEach((title) => {
      const article = title.parentElement;
      if (!title.querySelector(":scope > a.headerlink")) {
        const sign = document.createElement("a");
        sign.className = "headerlink";
        sign.href = `#${title.id}`;
        sign.title = "Permanent link";
        sign.textContent = "¶";
        title.append(sign);
      }
      let button = title.querySelector(":scope > button.annals-copy");
      if (!button) {
        button = document.createElement("button");
        button.type = "button";
        button.className = "annals-copy";
        button.title = "Copy a link to this event";
        button.textContent = "Copy link";
        title.append(button);
      }
      const label = button.textContent;
      let timer = 0;
      button.setAttribute("aria-live", "polite");
      button.addEventListener("click", async () => {
        const url = `${location.origin}${location.pathname}#${title.id}`;
        const copied = await copyText(url);
        button.textContent = copied ? "Link copied" : "Copy failed: use the ¶ link";
        button.classList.add("annals-copy--done");
        clearTimeout(timer);
        timer = setTimeout(() => {
          button.textContent = label;
          button.classList.remove("annals-copy--done");
        }, COPIED_MS);
      }, { signal });
    });
  }

  // The element a URL hash names, if any (a malformed escape names nothing).
  function hashTarget() {
    try {
      const id = decodeURIComponent(location.hash.slice(1));
      return id ? document.getElementById(id) : null;
    } catch (error) {
      return null;
    }
  }

  // An event the page does not hold, on a split topic's overview: go to the page that does.
  async function forward(filters) {
    const id = (() => {
      try {
        return decodeURIComponent(location.hash.slice(1));
      } catch (error) {
        return "";
      }
    })();
    if (!id || !filters || !filters.mapAddress) return;
    try {
      const map = await loadMap(filters.mapAddress);
      const event = map.events.find((candidate) => candidate.id === id);
      if (event) location.replace(event.href);
    } catch (error) {} // the overview still lists every year
  }

  function followHash(filters) {
    const target = hashTarget();
    if (!target) forward(filters);
    // An event's anchor is on its title.
    const article = target && target.matches("article.annals-event > h3")
      ? target.parentElement
      : null;
    document.querySelectorAll(".annals-event--highlight").forEach((node) => {
      if (node !== article) node.classList.remove("annals-event--highlight");
    });
    if (!target) return;
    if (article) article.classList.add("annals-event--highlight");
    // A year or month (the chart links to months) that the filters have emptied.
    const section = target.matches('.annals-month, h2[id^="year_"]');
    if (filters && target.closest("[hidden]")) {
      if (article) filters.reveal(article);
      else if (section) filters.clear();
    }
    // The browser cannot scroll to a hidden element, and the form that just appeared above
    // moved the target: scroll to it (Material gives :target a scroll margin for its header).
    if (article || section) target.scrollIntoView({ block: "start" });
  }

  // One set of listeners per page: Material's instant navigation swaps pages without a reload.
  let controller = null;

  // Material's search dialog lacks a name (axe: aria-dialog-name).
  function nameSearchDialog() {
    document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach((dialog) => {
      dialog.setAttribute("aria-label", "Search");
    });
  }

  // A source with an archived copy says where the copy is (a Robust Link's data-versionurl);
  // while the original is there the page does not repeat the copy's address as a link of its
  // own (it was a sixth of the card's weight): it is offered once a reader opens the sources.
  function offerCopies(signal) {
    document.addEventListener("toggle", (event) => {
      const list = event.target;
      if (!(list instanceof HTMLDetailsElement) || !list.open) return;
      list.querySelectorAll("li > a[data-versionurl]").forEach((link) => {
        if (link.dataset.annalsOffered) return;
        link.dataset.annalsOffered = "1";
        const copy = document.createElement("a");
        copy.className = "annals-archived";
        copy.href = link.dataset.versionurl;
        copy.textContent = "archived copy";
        link.parentElement.append(` (`, copy, `, ${link.dataset.versiondate})`);
      });
    }, { capture: true, signal });
  }

  function init() {
    nameSearchDialog();
    if (controller) controller.abort();
    controller = new AbortController();
    const { signal } = controller;
    const filters = setupFilters(signal);
    setupCopyButtons(signal);
    offerCopies(signal);
    window.addEventListener("hashchange", () => followHash(filters), { signal });
    followHash(filters);
    marks.annalsReady = "1";
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init, { once: true });
  } else {
    init();
  }
})();
