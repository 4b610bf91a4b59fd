/* What the spend explorer (explorer.js) and the month and supplier pages' selection (pick.js)
   share: money as integer pence, dates as days since 1970, and reading the explorer's binary
   shards (the format is in opcc/site/explorer.py's docstring), payment ids included. */
(function () {
  "use strict";

  const DAY_MS = 86400000;
  const TYPED = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, i32: Int32Array, f64: Float64Array };

  // -- money and dates: amounts are integer pence, never floats -------------------------------

  function parsePence(text) {
    const clean = String(text || "").replace(/[£,\s]/g, "");
    if (!clean) return null;
    const match = /^(-?)(\d*)(?:\.(\d{1,2}))?$/.exec(clean);
    if (!match || (match[2] === "" && match[3] === undefined)) return NaN;
    const pence = Number(match[2] || "0") * 100 + Number((match[3] || "").padEnd(2, "0"));
    return match[1] ? -pence : pence;
  }

  function money(pence) {
    const sign = pence < 0 ? "-" : "";
    const abs = Math.abs(pence);
    const pounds = Math.floor(abs / 100).toLocaleString("en-GB");
    return `${sign}£${pounds}.${String(abs % 100).padStart(2, "0")}`;
  }

  function plainAmount(pence) {
    const abs = Math.abs(pence);
    return `${pence < 0 ? "-" : ""}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
  }

  const isoOfDay = (day) => (day ? new Date(day * DAY_MS).toISOString().slice(0, 10) : "");
  const dayOfIso = (iso) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);

  // -- shards ----------------------------------------------------------------------------------

  function decode(buffer) {
    const bytes = new Uint8Array(buffer);
    if (String.fromCharCode(...bytes.subarray(0, 4)) !== "OPS1") throw new Error("not an explorer shard");
    const length = new DataView(buffer).getUint32(4, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length)));
    const start = 8 + length + ((8 - ((8 + length) % 8)) % 8);
    const cols = {};
    // Typed arrays read in the platform's byte order: little-endian in every current browser.
    for (const col of header.cols) cols[col.name] = new TYPED[col.type](buffer, start + col.offset, header.n);
    return { n: header.n, cols, dicts: header.dicts, constant: header.const };
  }

  async function inflate(buffer) {
    // Shards are written gzip-compressed; a host that already sent them with
    // Content-Encoding: gzip has had the browser inflate them, so look before inflating.
    const bytes = new Uint8Array(buffer, 0, 2);
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return buffer;
    const stream = new Blob([buffer]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).arrayBuffer();
  }

  function fetchShard(url) {
    return fetch(url).then((response) => {
      if (!response.ok) throw new Error(`${url.split("/").slice(-2).join("/")}: ${response.status}`);
      return response.arrayBuffer();
    }).then(inflate).then(decode);
  }

  function text(shard, name, i) {
    if (name in shard.constant) return shard.constant[name];
    return shard.dicts[name][shard.cols[name][i]];
  }

  function transaction(shard, i) {
    if (shard.cols.txnref) return shard.dicts.txn[shard.cols.txnref[i]];
    const value = shard.cols.txn[i];
    return value ? String(value) : "";
  }

  const hex = (value) => value.toString(16).padStart(12, "0");

  function paymentId(shard, i) {
    return `${text(shard, "pidm", i)}-${hex(shard.cols.pid[i])}`;
  }

  function selectBox(shard, i, checked, changed) {
    // A real checkbox for one payment, named for screen readers by its supplier, amount and date;
    // changed(id, checked) is told of each change.
    const id = paymentId(shard, i);
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.dataset.id = id;
    box.checked = checked;
    const name = document.createElement("span");
    name.className = "opcc-visually-hidden";
    name.textContent = `Select the payment to ${text(shard, "supplier", i) || "an unnamed supplier"} of ${money(shard.cols.amount[i])} on ${isoOfDay(shard.cols.day[i]) || "no date"}`;
    label.append(box, name);
    box.addEventListener("change", () => changed(id, box.checked));
    return label;
  }

  window.opccShards = { parsePence, money, plainAmount, isoOfDay, dayOfIso, fetchShard, text, transaction, paymentId, selectBox };
})();
