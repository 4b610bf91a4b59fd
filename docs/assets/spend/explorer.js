/* The spend explorer (spend/explorer/): filters every published payment in the browser.

   The data is cut into binary shards by opcc/site/explorer.py (see its docstring for the
   format): one set by month, one by supplier, one by expense type, one by amount band,
   each set holding every row once. meta.json lists every shard and its size, so for a
   query we take the set that needs the fewest bytes (a supplier: its one shard; a month:
   one month; "over £100k": the top bands), fetch only those shards and apply every
   filter to their rows. Filters live in the page address, so a link reproduces a view.

   Each payment has an id (opcc.spend_data.payment_ids: "2018-04-3f9c0a1b2d4e", its month
   first) and an address of its own, ?id=<id>, which loads its one month and shows the
   payment with what refers to it (refs.json: the panel papers that scrutinised it, the
   decisions naming its supplier). ?id= takes a list too. Ticked payments form a basket,
   kept in the address as ?basket=<id>,<id>,... so that the link shares the selection;
   it downloads as a CSV with every published column (meta.csv), as the month files have them.

   Values from the data are only ever put in the page with textContent. */
(function () {
  "use strict";

  const root = document.getElementById("opcc-explorer");
  if (!root) return;

  const SHARDS = root.dataset.shards; // relative URL of data/spend/explorer/
  const SITE = root.dataset.root; // relative URL of the site root
  const PAGE_ROWS = 50;
  // A query that only the month set can answer (no supplier, type or amount) over many
  // months would download most of the data: we then search the newest months up to
  // this many bytes and offer to search the rest.
  const MONTH_BUDGET_BYTES = 2 * 1024 * 1024;
  const FIELDS = ["from", "to", "supplier", "type", "body", "min", "max", "txn", "q", "vfm", "sort", "id"];

  const $ = (id) => document.getElementById(id);
  const form = $("opcc-explorer-form");
  const status = $("x-status");
  const scope = $("x-scope");
  const tbody = $("x-rows");
  const prev = $("x-prev");
  const next = $("x-next");
  const pageLabel = $("x-page");
  const download = $("x-download");
  const basketStatus = $("x-basket-status");
  const basketItems = $("x-basket-items");
  const basketButtons = ["x-basket-show", "x-basket-download", "x-basket-clear"].map($);
  const paymentView = $("x-payment");

  let meta = null;
  let supplierSlugs = new Map(); // supplier name -> page slug (none for a redaction label)
  let supplierIndex = new Map(); // lower-cased supplier name -> shard number
  const cache = new Map(); // shard URL -> Promise of a decoded shard
  let result = null; // {shards, order, total, filters}
  let searchAllMonths = false;
  // The basket: payment id -> its row ({day, pence, fields...}), or null until its month is loaded.
  // A Map keeps the order payments were ticked in.
  const basket = new Map();
  let refs = null; // Promise of refs.json, fetched for a payment's own view only

  // Money, dates and shards: docs/assets/spend/shards.js, loaded before this file.
  const { parsePence, money, plainAmount, isoOfDay, dayOfIso, fetchShard, text, transaction, paymentId, selectBox } =
    window.opccShards;

  function load(path) {
    if (!cache.has(path)) cache.set(path, fetchShard(SHARDS + path));
    return cache.get(path);
  }

  function field(shard, i, name) {
    // One published column of a row, as text, by its shard column (meta.csv).
    if (name === "day") return isoOfDay(shard.cols.day[i]);
    if (name === "amount") return plainAmount(shard.cols.amount[i]);
    if (name === "txn") return transaction(shard, i);
    if (name === "pid") return paymentId(shard, i);
    return text(shard, name, i) || "";
  }

  function rowOf(shard, i) {
    const values = {};
    for (const [column, name] of meta.csv) values[column] = field(shard, i, name);
    return { id: paymentId(shard, i), pence: shard.cols.amount[i], values };
  }

  const splitIds = (value) => String(value || "").split(/[\s,]+/).filter(Boolean);
  const splitSuppliers = (value) => String(value || "").split(";").map((s) => s.trim().toLowerCase()).filter(Boolean);

  // -- filters <-> form <-> address ------------------------------------------------------------

  function readForm() {
    const values = {};
    for (const name of FIELDS) values[name] = (form.elements[name].value || "").trim();
    return values;
  }

  function fillForm(values) {
    for (const name of FIELDS) form.elements[name].value = values[name] || "";
    if (!form.elements.sort.value) form.elements.sort.value = "date-desc";
  }

  function fromAddress() {
    const params = new URLSearchParams(window.location.search);
    const values = {};
    for (const name of FIELDS) values[name] = name === "supplier" ? params.getAll(name).join("; ") : params.get(name) || "";
    return { values, basket: splitIds(params.get("basket")), page: Math.max(1, parseInt(params.get("page") || "1", 10) || 1), all: params.get("all") === "1" };
  }

  function toAddress(values, page, push) {
    const params = new URLSearchParams();
    for (const name of FIELDS) {
      if (name === "supplier") {
        for (const supplier of values.supplier.split(";").map((s) => s.trim()).filter(Boolean)) params.append(name, supplier);
      } else if (values[name] && !(name === "sort" && values[name] === "date-desc")) params.set(name, values[name]);
    }
    if (basket.size) params.set("basket", [...basket.keys()].join(","));
    if (searchAllMonths) params.set("all", "1");
    if (page > 1) params.set("page", String(page));
    const query = params.toString();
    const url = window.location.pathname + (query ? `?${query}` : "");
    if (url !== window.location.pathname + window.location.search) {
      history[push ? "pushState" : "replaceState"](null, "", url);
    }
  }

  function filtersOf(values) {
    const min = parsePence(values.min);
    const max = parsePence(values.max);
    if (Number.isNaN(min) || Number.isNaN(max)) return { error: "Amounts must be in pounds, for example 100000 or 1,500.50." };
    const suppliers = splitSuppliers(values.supplier);
    const supplierShards = suppliers.map((s) => supplierIndex.get(s));
    const ids = splitIds(values.id);
    return {
      from: values.from ? dayOfIso(values.from) : null,
      to: values.to ? dayOfIso(values.to) : null,
      fromMonth: values.from.slice(0, 7),
      toMonth: values.to.slice(0, 7),
      suppliers,
      // Every name one of the published suppliers: their shards hold every row that can match.
      supplierShards: suppliers.length && supplierShards.every((n) => n !== undefined) ? supplierShards : null,
      txn: values.txn.toLowerCase(),
      ids: ids.length ? new Set(ids) : null,
      type: values.type,
      typeShard: values.type ? meta.types.findIndex((t) => t[0] === values.type) : null,
      min,
      max,
      words: values.q.toLowerCase().split(/\s+/).filter(Boolean),
      body: values.body,
      vfmWords: values.vfm.toLowerCase().split(/\s+/).filter(Boolean),
      sort: values.sort || "date-desc",
    };
  }

  // -- which shards: the cheapest set that holds every row the filters can match ----------------

  function idMonths(ids) {
    // The month shards holding these payments: each id begins with its month.
    const wanted = new Set([...ids].map((id) => id.slice(0, id.lastIndexOf("-"))));
    return meta.months.filter(([m, n]) => wanted.has(m) && n > 0).map(([m, n, bytes]) => ({ path: `m/${m}.bin`, n, bytes, month: m }));
  }

  function plan(f) {
    if (f.ids) {
      const shards = idMonths(f.ids);
      return { set: "ids", shards, bytes: shards.reduce((sum, s) => sum + s.bytes, 0), skipped: [] };
    }
    const dated = f.from !== null || f.to !== null;
    const months = meta.months.filter(([month]) => {
      if (month === "undated") return !dated;
      return (!f.fromMonth || month >= f.fromMonth) && (!f.toMonth || month <= f.toMonth);
    });
    const options = [{ set: "months", shards: months.map(([m, n, bytes]) => ({ path: `m/${m}.bin`, n, bytes, month: m })) }];
    if (f.supplierShards) {
      options.push({ set: "supplier", shards: [...new Set(f.supplierShards)].map((k) => {
        const [, , n, bytes] = meta.suppliers[k];
        return { path: `s/${k}.bin`, n, bytes };
      }) });
    }
    if (f.typeShard !== null && f.typeShard >= 0) {
      const [, n, bytes] = meta.types[f.typeShard];
      options.push({ set: "type", shards: [{ path: `t/${f.typeShard}.bin`, n, bytes }] });
    }
    if (f.min !== null || f.max !== null) {
      const bands = meta.bands
        .map(([low, high, n, bytes], i) => ({ low, high, n, bytes, path: `b/${i}.bin` }))
        .filter((b) => (b.high === null || f.min === null || f.min < b.high) && (b.low === null || f.max === null || f.max >= b.low));
      options.push({ set: "amount", shards: bands });
    }
    for (const option of options) {
      option.shards = option.shards.filter((s) => s.n > 0);
      option.bytes = option.shards.reduce((sum, s) => sum + s.bytes, 0);
    }
    const best = options.reduce((a, b) => (b.bytes < a.bytes ? b : a));
    best.skipped = [];
    if (best.set === "months" && !searchAllMonths && best.bytes > MONTH_BUDGET_BYTES) {
      // Newest months first, up to the budget (always at least one month).
      const kept = [];
      let bytes = 0;
      for (const shard of [...best.shards].reverse()) {
        if (kept.length && bytes + shard.bytes > MONTH_BUDGET_BYTES) break;
        kept.unshift(shard);
        bytes += shard.bytes;
      }
      best.skipped = best.shards.slice(0, best.shards.length - kept.length);
      best.shards = kept;
    }
    return best;
  }

  // -- matching --------------------------------------------------------------------------------

  function allowed(list, test) {
    // One test per distinct value of a shard's column, not one per row.
    return list ? list.map(test) : null;
  }

  function match(shards, f) {
    const found = [];
    shards.forEach((shard, s) => {
      // Known names must be equal; otherwise a name matches a supplier it is part of.
      const supplierOk = (v) => f.suppliers.some((s) => (f.supplierShards ? v.toLowerCase() === s : v.toLowerCase().includes(s)));
      const okSupplier = f.suppliers.length ? allowed(shard.dicts.supplier, supplierOk) : null;
      const okType = f.type ? allowed(shard.dicts.type, (v) => v === f.type) : null;
      const okDesc = f.words.length ? allowed(shard.dicts.desc, (v) => f.words.every((w) => v.toLowerCase().includes(w))) : null;
      const okBody = f.body ? allowed(shard.dicts.body, (v) => v === f.body) : null;
      const okVfm = f.vfmWords.length ? allowed(shard.dicts.vfm, (v) => f.vfmWords.every((w) => v.toLowerCase().includes(w))) : null;
      const constOk = (name, test) => !(name in shard.constant) || test(shard.constant[name]);
      if (f.suppliers.length && !constOk("supplier", supplierOk)) return;
      if (f.type && !constOk("type", (v) => v === f.type)) return;
      if (f.words.length && !constOk("desc", (v) => f.words.every((w) => v.toLowerCase().includes(w)))) return;
      if (f.body && !constOk("body", (v) => v === f.body)) return;
      if (f.vfmWords.length && !constOk("vfm", (v) => f.vfmWords.every((w) => v.toLowerCase().includes(w)))) return;
      const { day, amount, supplier, type, desc, body, vfm } = shard.cols;
      for (let i = 0; i < shard.n; i++) {
        if (f.from !== null && (day[i] === 0 || day[i] < f.from)) continue;
        if (f.to !== null && (day[i] === 0 || day[i] > f.to)) continue;
        if (f.min !== null && amount[i] < f.min) continue;
        if (f.max !== null && amount[i] > f.max) continue;
        if (okSupplier && supplier && !okSupplier[supplier[i]]) continue;
        if (okType && type && !okType[type[i]]) continue;
        if (okDesc && desc && !okDesc[desc[i]]) continue;
        if (okBody && body && !okBody[body[i]]) continue;
        if (okVfm && vfm && !okVfm[vfm[i]]) continue;
        if (f.txn && transaction(shard, i).toLowerCase() !== f.txn) continue;
        if (f.ids && !f.ids.has(paymentId(shard, i))) continue;
        found.push(s, i);
      }
    });
    return found;
  }

  function order(shards, found, sort) {
    const count = found.length / 2;
    const keys = new Float64Array(count);
    const [field, direction] = sort.split("-");
    for (let k = 0; k < count; k++) {
      const shard = shards[found[2 * k]];
      keys[k] = shard.cols[field === "amount" ? "amount" : "day"][found[2 * k + 1]];
    }
    const index = Array.from({ length: count }, (_, k) => k);
    const sign = direction === "asc" ? 1 : -1;
    index.sort((a, b) => sign * (keys[a] - keys[b]) || a - b); // ties keep the data's own order
    return index.map((k) => [shards[found[2 * k]], found[2 * k + 1]]);
  }

  // -- showing ---------------------------------------------------------------------------------

  function cell(row, value, className) {
    const td = document.createElement("td");
    if (className) td.className = className;
    if (value instanceof Node) td.appendChild(value);
    else td.textContent = value;
    row.appendChild(td);
  }

  function supplierNode(name) {
    const slug = supplierSlugs.get(name);
    if (!slug) {
      const span = document.createElement("span");
      if (meta.labels.includes(name)) span.className = "opcc-redacted";
      span.textContent = name || "—";
      return span;
    }
    const link = document.createElement("a");
    link.href = `${SITE}spend/suppliers/${slug}/`;
    link.textContent = name;
    return link;
  }

  function render(page) {
    const pages = Math.max(1, Math.ceil(result.order.length / PAGE_ROWS));
    page = Math.min(Math.max(1, page), pages);
    result.page = page;
    const fragment = document.createDocumentFragment();
    for (const [shard, i] of result.order.slice((page - 1) * PAGE_ROWS, page * PAGE_ROWS)) {
      const row = document.createElement("tr");
      const id = paymentId(shard, i);
      cell(row, pickBox(shard, i, id));
      const permalink = document.createElement("a");
      permalink.href = `?id=${encodeURIComponent(id)}`;
      permalink.textContent = isoOfDay(shard.cols.day[i]) || "undated";
      permalink.title = "This payment's own address";
      cell(row, permalink);
      cell(row, supplierNode(text(shard, "supplier", i)));
      cell(row, text(shard, "type", i));
      cell(row, text(shard, "area", i));
      cell(row, text(shard, "desc", i));
      cell(row, transaction(shard, i));
      cell(row, text(shard, "body", i) || "Not stated");
      cell(row, text(shard, "vfm", i));
      cell(row, money(shard.cols.amount[i]), "opcc-num");
      fragment.appendChild(row);
    }
    tbody.replaceChildren(fragment);
    const count = result.order.length;
    const first = count ? (page - 1) * PAGE_ROWS + 1 : 0;
    const last = Math.min(page * PAGE_ROWS, count);
    status.textContent = count
      ? `${count.toLocaleString("en-GB")} payment${count === 1 ? "" : "s"} totalling ${money(result.total)}. Showing ${first} to ${last}.`
      : "No payments match these filters.";
    pageLabel.textContent = `Page ${page} of ${pages}`;
    prev.disabled = page <= 1;
    next.disabled = page >= pages;
    download.disabled = count === 0;
  }

  // -- the basket ------------------------------------------------------------------------------

  function describe(row) {
    // "Supplier, £60,000.00 – 2018-04-10": how a panel paper heads the item.
    return `${row.values.supplier || "—"}, ${money(row.pence)} – ${row.values.date || "undated"}`;
  }

  function pickBox(shard, i, id) {
    return selectBox(shard, i, basket.has(id), (_, checked) => {
      if (checked) basket.set(id, rowOf(shard, i));
      else basket.delete(id);
      basketChanged();
    });
  }

  function basketChanged() {
    toAddress(readForm(), result ? result.page : 1, false);
    showBasket();
  }

  function showBasket() {
    const rows = [...basket.values()];
    const known = rows.filter(Boolean);
    const total = known.reduce((sum, row) => sum + row.pence, 0);
    const count = basket.size;
    basketStatus.textContent = count
      ? `${count.toLocaleString("en-GB")} payment${count === 1 ? "" : "s"} selected${known.length === count ? ` totalling ${money(total)}` : ""}.`
      : "No payments selected. Tick payments in the table to select them.";
    const fragment = document.createDocumentFragment();
    for (const [id, row] of basket) {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = `?id=${encodeURIComponent(id)}`;
      link.textContent = row ? describe(row) : `${id} (not found in the published payments)`;
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "md-button";
      remove.textContent = "Remove";
      remove.setAttribute("aria-label", `Remove ${row ? describe(row) : id} from the selection`);
      remove.addEventListener("click", () => {
        basket.delete(id);
        for (const box of tbody.querySelectorAll("input[type=checkbox]")) if (box.dataset.id === id) box.checked = false;
        basketChanged();
        basketStatus.focus();
      });
      item.append(link, remove);
      fragment.appendChild(item);
    }
    basketItems.replaceChildren(fragment);
    for (const button of basketButtons) button.disabled = count === 0;
  }

  async function resolve(ids) {
    // The rows of these payment ids, from their months' shards: id -> row.
    const wanted = new Set(ids);
    const shards = await Promise.all(idMonths(wanted).map((s) => load(s.path)));
    const found = new Map();
    for (const shard of shards) {
      for (let i = 0; i < shard.n; i++) {
        const id = paymentId(shard, i);
        if (wanted.has(id)) found.set(id, rowOf(shard, i));
      }
    }
    return found;
  }

  async function fillBasket(ids) {
    for (const id of ids) basket.set(id, null);
    showBasket();
    let found;
    try {
      found = await resolve(ids);
    } catch (error) {
      basketStatus.textContent = `The selected payments could not be loaded (${error.message}).`;
      return;
    }
    for (const id of ids) if (found.has(id)) basket.set(id, found.get(id));
    showBasket();
  }

  // -- a payment's own view --------------------------------------------------------------------

  function showPayment(f) {
    paymentView.hidden = true;
    if (!f.ids || f.ids.size !== 1 || result.order.length !== 1) return;
    const [shard, i] = result.order[0];
    const row = rowOf(shard, i);
    $("x-payment-title").textContent = `Payment ${row.id}: ${describe(row)}`;
    const facts = document.createDocumentFragment();
    for (const [column] of meta.csv) {
      if (!row.values[column] || column === "payment_id") continue;
      const term = document.createElement("dt");
      term.textContent = column.replace(/_/g, " ");
      const value = document.createElement("dd");
      value.textContent = column === "amount" ? money(row.pence) : row.values[column];
      facts.append(term, value);
    }
    $("x-payment-facts").replaceChildren(facts);
    const links = $("x-payment-links");
    const item = (node) => { const li = document.createElement("li"); li.append(...node); links.appendChild(li); };
    const anchor = (href, label) => { const a = document.createElement("a"); a.href = href; a.textContent = label; return a; };
    links.replaceChildren();
    const month = row.values.date ? row.values.date.slice(0, 7) : "undated";
    item([anchor(`${SITE}spend/months/${month}/`, `Every payment of ${month}`)]);
    const slug = supplierSlugs.get(row.values.supplier);
    if (slug) item([anchor(`${SITE}spend/suppliers/${slug}/`, `Every payment to ${row.values.supplier}`)]);
    paymentView.hidden = false;
    if (!refs) refs = fetch(`${SHARDS}refs.json`).then((r) => (r.ok ? r.json() : { payments: {}, suppliers: {} }));
    refs.then((known) => {
      for (const paper of known.payments[row.id] || []) {
        item([`Scrutinised by the panel on ${paper.date || "an undated paper"}: `, anchor(`${SITE}${paper.url}`, paper.title)]);
      }
      for (const decision of known.suppliers[row.values.supplier] || []) {
        item([`A decision naming ${row.values.supplier}${decision.date ? ` (${decision.date})` : ""}: `, anchor(`${SITE}${decision.url}`, decision.title)]);
      }
      root.dataset.refs = "done";
    });
  }

  function describeScope(chosen) {
    scope.replaceChildren();
    if (!chosen.skipped.length) {
      scope.hidden = true;
      return;
    }
    const searched = chosen.shards;
    const bytes = chosen.skipped.reduce((sum, s) => sum + s.bytes, 0);
    scope.append(`Searched ${searched.length} month${searched.length === 1 ? "" : "s"} only (${searched[0].month} to ${searched[searched.length - 1].month}), the newest of ${searched.length + chosen.skipped.length}. Narrow the dates, or choose a supplier, expense type or amount, to search all years quickly. `);
    const more = document.createElement("button");
    more.type = "button";
    more.className = "md-button";
    more.textContent = `Search all months (${(bytes / 1048576).toFixed(1)} MB more)`;
    more.addEventListener("click", () => {
      searchAllMonths = true;
      run(readForm(), 1, true);
    });
    scope.append(more);
    scope.hidden = false;
  }

  // -- running a query -------------------------------------------------------------------------

  let generation = 0;

  async function run(values, page, push) {
    const mine = ++generation;
    const started = performance.now();
    root.dataset.state = "loading";
    const f = filtersOf(values);
    if (f.error) {
      status.textContent = f.error;
      root.dataset.state = "error";
      return;
    }
    toAddress(values, page, push);
    status.textContent = "Searching…";
    const chosen = plan(f);
    let shards;
    try {
      shards = await Promise.all(chosen.shards.map((s) => load(s.path)));
    } catch (error) {
      status.textContent = `The data could not be loaded (${error.message}). Please try again.`;
      root.dataset.state = "error";
      return;
    }
    if (mine !== generation) return; // a newer query has started
    const found = match(shards, f);
    const ordered = order(shards, found, f.sort);
    let total = 0;
    for (const [shard, i] of ordered) total += shard.cols.amount[i]; // integer pence: exact below 2^53
    result = { order: ordered, total, plan: chosen.set };
    describeScope(chosen);
    render(page);
    showPayment(f);
    root.dataset.state = "done";
    root.dataset.plan = chosen.set;
    root.dataset.ms = String(Math.round(performance.now() - started));
  }

  // -- download of the current view ------------------------------------------------------------

  // A cell a spreadsheet would run as a formula gets a ' before it, as opcc/site/csv_cells.py does for
  // every other CSV the site publishes; a plain number (a negative amount) is left as it is.
  const FORMULA_START = /^[=+\-@\t\r]/;
  const PLAIN_NUMBER = /^[+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)$/;

  function csvCell(value) {
    let s = String(value);
    if (FORMULA_START.test(s) && !PLAIN_NUMBER.test(s)) s = "'" + s;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }

  function downloadRows(rows) {
    // Every published column, as the month CSVs have them, then the payment id.
    const lines = [meta.csv.map(([column]) => column).join(",")];
    for (const row of rows) lines.push(meta.csv.map(([column]) => csvCell(row.values[column])).join(","));
    const blob = new Blob([lines.join("\n") + "\n"], { type: "text/csv;charset=utf-8" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "spend-selection.csv";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  }

  const downloadView = () => downloadRows(result.order.map(([shard, i]) => rowOf(shard, i)));
  const downloadBasket = () => downloadRows([...basket.values()].filter(Boolean));

  // -- wiring ----------------------------------------------------------------------------------

  function fillChoices() {
    const list = $("x-suppliers");
    for (const [name] of meta.suppliers) {
      if (!name) continue;
      const option = document.createElement("option");
      option.value = name;
      list.appendChild(option);
    }
    const select = form.elements.type;
    for (const [name] of meta.types) {
      if (!name) continue;
      const option = document.createElement("option");
      option.value = name;
      option.textContent = name;
      select.appendChild(option);
    }
    for (const name of meta.bodies || []) {
      const option = document.createElement("option");
      option.value = name;
      option.textContent = name === "PCC" ? "The Commissioner (PCC)" : name;
      form.elements.body.appendChild(option);
    }
  }

  async function start() {
    try {
      const response = await fetch(`${SHARDS}meta.json`);
      if (!response.ok) throw new Error(String(response.status));
      meta = await response.json();
    } catch (error) {
      status.textContent = `The explorer's data could not be loaded (${error.message}).`;
      return;
    }
    meta.suppliers.forEach(([name, slug], i) => {
      supplierIndex.set(name.toLowerCase(), i);
      if (slug) supplierSlugs.set(name, slug);
    });
    fillChoices();
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      searchAllMonths = false;
      form.elements.id.value = ""; // a new search leaves a payment's own view
      run(readForm(), 1, true);
    });
    form.addEventListener("reset", () => {
      setTimeout(() => {
        searchAllMonths = false;
        fillForm({});
        run(readForm(), 1, true);
      });
    });
    prev.addEventListener("click", () => { render(result.page - 1); toAddress(readForm(), result.page, false); });
    next.addEventListener("click", () => { render(result.page + 1); toAddress(readForm(), result.page, false); });
    download.addEventListener("click", downloadView);
    $("x-basket-download").addEventListener("click", downloadBasket);
    $("x-basket-show").addEventListener("click", () => {
      fillForm({ id: [...basket.keys()].join(",") });
      run(readForm(), 1, true);
    });
    $("x-basket-clear").addEventListener("click", () => {
      basket.clear();
      for (const box of tbody.querySelectorAll("input[type=checkbox]")) box.checked = false;
      basketChanged();
    });
    window.addEventListener("popstate", () => {
      const state = fromAddress();
      searchAllMonths = state.all;
      fillForm(state.values);
      basket.clear();
      fillBasket(state.basket);
      run(state.values, state.page, false);
    });
    const state = fromAddress();
    searchAllMonths = state.all;
    fillForm(state.values);
    if (state.basket.length) fillBasket(state.basket);
    run(readForm(), state.page, false);
  }

  start();
})();
