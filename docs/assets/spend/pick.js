/* The selection on a month or supplier page (opcc/templates/spend/_pick.html).

   The page's tables are rendered by the build (opcc/site/spend_tables.py) without payment ids,
   to keep each row's HTML small; this loads the page's own explorer shard (the month's, or the
   supplier's), whose rows are the tables' rows in the same order (a supplier's grouped by
   financial year, newest first, as the page shows them), and adds a checkbox to each row.
   Each row's amount is checked against the shard's before anything is added: if the two do not
   agree the page is left as it was, with no selection, rather than tick the wrong payment.

   The selection lives in the page address (?basket=<id>,<id>, as in the explorer), and opens
   in the explorer, where it downloads as CSV, is shared, or becomes a panel paper. */
(function () {
  "use strict";

  const section = document.getElementById("opcc-pick");
  if (!section) return;
  const { money, fetchShard, paymentId, selectBox } = window.opccShards;
  const status = document.getElementById("x-basket-status");
  const open = document.getElementById("x-basket-open");
  const DAY_MS = 86400000;

  const basket = new Map(); // payment id -> pence (null: a payment of another page, carried in the address)

  function financialYear(day) {
    // As opcc/site/spend_frame.py's financial_year: April to March, "2018/19"; no date: "undated".
    if (!day) return "undated";
    const date = new Date(day * DAY_MS);
    const start = date.getUTCMonth() >= 3 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
    return `${start}/${String(start + 1).slice(2)}`;
  }

  function tablesWithRows(shard) {
    // [[table, [shard row index, ...]], ...] in the page's order; null if they do not line up.
    const tables = [...document.querySelectorAll("table.opcc-spend-rows")];
    const heading = (table) => table.closest(".opcc-table-scroll")?.previousElementSibling;
    const byYear = tables.some((t) => (heading(t)?.id || "").startsWith("fy-")); // a supplier page
    const groups = new Map();
    for (let i = 0; i < shard.n; i++) {
      const key = byYear ? financialYear(shard.cols.day[i]) : "";
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(i);
    }
    const paired = tables.map((table) => {
      const key = byYear ? (heading(table)?.id || "").replace(/^fy-/, "").replace("-", "/") : "";
      return [table, groups.get(key) || []];
    });
    for (const [table, rows] of paired) {
      const shown = table.tBodies[0].rows;
      if (shown.length !== rows.length) return null;
      for (let k = 0; k < rows.length; k++) {
        const cells = shown[k].cells;
        if (cells[cells.length - 1].textContent !== money(shard.cols.amount[rows[k]])) return null;
      }
    }
    return paired;
  }

  function address() {
    const params = new URLSearchParams(window.location.search);
    if (basket.size) params.set("basket", [...basket.keys()].join(","));
    else params.delete("basket");
    const query = params.toString();
    history.replaceState(null, "", window.location.pathname + (query ? `?${query}` : "") + window.location.hash);
    const ids = [...basket.keys()].join(",");
    open.href = section.dataset.explorer + (ids ? `?${new URLSearchParams({ id: ids, basket: ids })}` : "");
  }

  function show() {
    const count = basket.size;
    const here = [...basket.values()].filter((p) => p !== null);
    const total = money(here.reduce((sum, p) => sum + p, 0));
    if (!count) status.textContent = "No payments selected. Tick payments in the table below to select them.";
    else if (here.length === count) status.textContent = `${count} payment${count === 1 ? "" : "s"} selected totalling ${total}.`;
    else status.textContent = `${count} payment${count === 1 ? "" : "s"} selected (${here.length} on this page, totalling ${total}).`;
    address();
  }

  function checkbox(shard, i) {
    const id = paymentId(shard, i);
    if (basket.has(id)) basket.set(id, shard.cols.amount[i]); // ticked in the address: now its amount is known
    return selectBox(shard, i, basket.has(id), (_, checked) => {
      if (checked) basket.set(id, shard.cols.amount[i]);
      else basket.delete(id);
      show();
    });
  }

  async function start() {
    const shard = await fetchShard(section.dataset.shard);
    const paired = tablesWithRows(shard);
    if (!paired) {
      section.dataset.state = "unavailable"; // the tables and the data do not agree: offer no selection
      return;
    }
    for (const id of (new URLSearchParams(window.location.search).get("basket") || "").split(",").filter(Boolean)) {
      basket.set(id, null);
    }
    for (const [table, rows] of paired) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = "Select";
      table.tHead.rows[0].prepend(th);
      [...table.tBodies[0].rows].forEach((row, k) => {
        const td = document.createElement("td");
        td.appendChild(checkbox(shard, rows[k]));
        row.prepend(td);
      });
    }
    section.hidden = false;
    section.dataset.state = "ready";
    show();
  }

  start().catch(() => {
    section.dataset.state = "unavailable"; // without the shard the page stays as it is: its tables are complete
  });
})();
