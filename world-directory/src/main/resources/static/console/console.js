// The operations console: plain JavaScript, no build step. It talks only to this host: world-directory's
// staff routes (/admin/...) and, through its relay (/console/api/auth/...), auth-service's. The staff
// member's access token lives in this tab only (sessionStorage). Everything shown is set as text, never HTML.
"use strict";

const AUTH = "/console/api/auth";
const state = { token: sessionStorage.getItem("console.token"), role: null, timers: [],
  live: { server: null, map: null, frame: null, timer: null, busy: false } };
const $ = (id) => document.getElementById(id);

async function api(path, options = {}) {
  const headers = { "Accept": "application/json" };
  if (state.token) headers["Authorization"] = "Bearer " + state.token;
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(path, { method: options.method || "GET", headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (response.status === 401 && state.token) { logout("Your session ended; log in again"); }
  if (!response.ok) throw new Error((data && (data.code + ": " + data.message)) || ("HTTP " + response.status));
  return data;
}

function say(message, isError) {
  $("status").textContent = message;
  $("status").className = isError ? "error" : "";
}

function cell(row, text, className) {
  const td = document.createElement("td");
  td.textContent = text === null || text === undefined ? "" : String(text);
  if (className) td.className = className;
  row.appendChild(td);
  return td;
}

function button(label, className, onClick) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = label;
  b.className = className;
  b.addEventListener("click", onClick);
  return b;
}

async function login(event) {
  event.preventDefault();
  try {
    const tokens = await api(AUTH + "/auth/login", { method: "POST",
      body: { username: $("username").value, password: $("password").value } });
    state.token = tokens.access_token;
    sessionStorage.setItem("console.token", state.token);
    await start();
  } catch (e) {
    say("Login refused: " + e.message, true);
    $("login").insertBefore($("status"), $("login-form"));
  }
}

/** The logout button: auth-service ends this login session (its tokens are refused from now on), then the page forgets it. */
async function endSession() {
  try {
    await api(AUTH + "/admin/logout", { method: "POST", body: {} });
    logout("Logged out");
  } catch (e) {
    logout("Logged out here; the server could not be told (" + e.message + "): the session ends when its token expires");
  }
}

function logout(message) {
  state.token = null;
  sessionStorage.removeItem("console.token");
  state.timers.forEach(clearInterval);
  state.timers = [];
  state.live.timer = null;
  state.live.server = null;
  $("console").hidden = true;
  $("login").hidden = false;
  $("logout-button").hidden = true;
  $("whoami").textContent = "";
  if (message) say(message, true);
}

async function start() {
  let me;
  try {
    me = await api(AUTH + "/admin/me");
  } catch (e) {
    logout("Not a staff account (" + e.message + ")");
    return;
  }
  state.role = me.role;
  state.userId = me.user_id;
  $("whoami").textContent = me.username + " (" + me.role + ")";
  $("login").hidden = true;
  $("console").hidden = false;
  $("logout-button").hidden = false;
  document.querySelector("main").prepend($("status"));
  say("");
  try {
    state.content = await api("/admin/content");
    $("content-version").textContent = state.content.version + " (maps " + state.content.maps.join(", ") + ")";
  } catch (e) {
    say("Content: " + e.message, true);
  }
  refreshWorld();
  refreshAudit();
  state.timers.push(setInterval(refreshWorld, 2000), setInterval(refreshAudit, 5000));
}

async function refreshWorld() {
  try {
    const [servers, online] = await Promise.all([api("/admin/servers"), api("/admin/online")]);
    $("online").textContent = online.online;
    const body = $("servers");
    body.replaceChildren();
    // A server on other content than this directory's is a deployment mistake: players are sent only to
    // servers with auth-service's version (the same folder as the directory's), so it sits empty.
    const expected = state.content ? state.content.version : null;
    for (const listing of servers) {
      const s = listing.server;
      const row = document.createElement("tr");
      row.dataset.server = s.id;
      cell(row, s.id);
      cell(row, s.supported_maps.join(", "));
      cell(row, s.content_version || "–", expected && s.content_version !== expected ? "content-mismatch" : "dim");
      cell(row, s.ip + ":" + s.port, "dim");
      cell(row, s.drained ? "DRAINED" : s.state, s.drained ? "drained" : "");
      cell(row, s.current_players + " / " + s.max_players, "players");
      cell(row, Number(s.load).toFixed(2));
      cell(row, s.tick_p99_ms === null || s.tick_p99_ms === undefined ? "–" : s.tick_p99_ms.toFixed(1) + " ms");
      cell(row, s.tick_cpu_p99_ms === null || s.tick_cpu_p99_ms === undefined ? "–" : s.tick_cpu_p99_ms.toFixed(1) + " ms");
      cell(row, saves(s), s.oldest_unsaved_ms > 30000 ? "unsaved" : "");
      cell(row, since(s.registered_at));
      cell(row, listing.ttl_seconds + " s", "dim");
      const actions = cell(row, "");
      actions.appendChild(button("Watch", "quiet watch", () => watch(s.id)));
      if (state.role === "admin") {
        actions.appendChild(s.drained
          ? button("Undrain", "quiet undrain", () => act("/admin/servers/" + s.id + "/drain", "DELETE", "Undrained " + s.id))
          : button("Drain", "danger drain", () => act("/admin/servers/" + s.id + "/drain", "POST", "Drained " + s.id)));
      }
      body.appendChild(row);
    }
  } catch (e) {
    say("World: " + e.message, true);
  }
}

/**
 * Progress the map server holds that auth-service has not stored yet: "saved" when none, else how
 * many characters wait and for how long (it grows while auth-service or its database is away).
 */
function saves(s) {
  if (s.saves_pending === null || s.saves_pending === undefined) {
    return "–";
  }
  if (s.saves_pending === 0) {
    return "saved";
  }
  return s.saves_pending + " waiting, oldest " + Math.round((s.oldest_unsaved_ms || 0) / 1000) + " s";
}

/** How long ago an epoch-millisecond time was, roughly: "42 s", "7 min", "3 h", "2 d". */
function since(epochMillis) {
  const seconds = Math.max(0, Math.round((Date.now() - epochMillis) / 1000));
  if (seconds < 120) return seconds + " s";
  if (seconds < 7200) return Math.round(seconds / 60) + " min";
  if (seconds < 172800) return Math.round(seconds / 3600) + " h";
  return Math.round(seconds / 86400) + " d";
}

// ---- live map: the map's tiles once, then the chosen channel's entities a few times a second ----

async function watch(serverId) {
  const live = state.live;
  live.server = serverId;
  live.map = null;
  live.frame = null;
  try {
    live.map = await api("/admin/servers/" + serverId + "/view/map");
    $("live-title").textContent = serverId + ": " + live.map.name;
    const canvas = $("live-map");
    const scale = Math.min(800 / (live.map.width * live.map.tile_size), 640 / (live.map.height * live.map.tile_size));
    canvas.width = Math.round(live.map.width * live.map.tile_size * scale);
    canvas.height = Math.round(live.map.height * live.map.tile_size * scale);
    live.scale = scale;
    if (!live.timer) live.timer = setInterval(pollLive, 150);
    state.timers.push(live.timer);
  } catch (e) {
    say("Live map: " + e.message, true);
  }
}

async function pollLive() {
  const live = state.live;
  if (!live.server || !live.map || live.busy) return;
  live.busy = true;
  try {
    live.frame = await api("/admin/servers/" + live.server + "/view/channel/" + Number($("live-channel").value || 1));
    $("live-tick").textContent = "tick " + live.frame.tick + ", " + live.frame.entities.length + " entities";
    // The first players' positions as data, for automation (the browser test reads them).
    $("live-map").dataset.players = JSON.stringify(live.frame.entities.filter((e) => e[1] === 0).slice(0, 50)
      .map((e) => [e[0], e[4], e[5]]));
    drawLive();
  } catch (e) {
    say("Live map: " + e.message, true);
  } finally {
    live.busy = false;
  }
}

const MOB_COLORS = ["#e0a030", "#c060e0", "#e06060", "#60c0c0", "#a0e060", "#e080b0"];

function drawLive() {
  const live = state.live;
  const map = live.map;
  const canvas = $("live-map");
  const g = canvas.getContext("2d");
  const tile = map.tile_size * live.scale;
  g.fillStyle = "#1d2a1d";
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.fillStyle = "#3a4250";
  map.rows.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) {
      if (row[x] === "#") g.fillRect(x * tile, y * tile, tile + 0.5, tile + 0.5);
    }
  });
  for (const [id, kind, type, name, x, y, hp, maxHp, st] of live.frame.entities) {
    g.fillStyle = st === 2 ? "#666" : kind === 0 ? "#4fa3ff" : MOB_COLORS[type % MOB_COLORS.length];
    g.beginPath();
    g.arc(x * live.scale, y * live.scale, kind === 0 ? 4 : 3, 0, Math.PI * 2);
    g.fill();
  }
}

function hoverLive(event) {
  const live = state.live;
  if (!live.frame) return;
  const rect = $("live-map").getBoundingClientRect();
  const mx = (event.clientX - rect.left) * ($("live-map").width / rect.width) / live.scale;
  const my = (event.clientY - rect.top) * ($("live-map").height / rect.height) / live.scale;
  let best = null;
  let bestDistance = 12 / live.scale;
  for (const entity of live.frame.entities) {
    const distance = Math.hypot(entity[4] - mx, entity[5] - my);
    if (distance < bestDistance) {
      best = entity;
      bestDistance = distance;
    }
  }
  $("live-hover").textContent = best ? best[3] + " #" + best[0] + " (" + best[6] + "/" + best[7] + " hp)" : "";
}

function errorsText(errors) {
  const codes = Object.keys(errors);
  return codes.length === 0 ? "none" : codes.map((code) => code + " " + errors[code]).join(", ");
}

async function refreshStats() {
  try {
    const [auth, directory] = await Promise.all([api(AUTH + "/admin/stats"), api("/admin/stats")]);
    $("logins").textContent = auth.logins_last_minute;
    $("logins-hour").textContent = auth.logins_last_hour;
    $("auth-errors").textContent = errorsText(auth.recent_errors);
    $("directory-errors").textContent = errorsText(directory.recent_errors);
  } catch (e) {
    say("Stats: " + e.message, true);
  }
}

async function refreshAudit() {
  refreshStats();
  try {
    const entries = await api(AUTH + "/admin/audit?limit=50");
    const body = $("audit");
    body.replaceChildren();
    for (const entry of entries) {
      const row = document.createElement("tr");
      row.dataset.action = entry.action;
      cell(row, new Date(entry.at).toLocaleString());
      cell(row, entry.actor_name);
      cell(row, entry.action, "action");
      cell(row, entry.target);
      cell(row, entry.detail);
      cell(row, entry.address, "dim");
      body.appendChild(row);
    }
  } catch (e) {
    say("Audit: " + e.message, true);
  }
}

async function act(path, method, done, body) {
  try {
    await api(path, { method, body });
    say(done);
    refreshWorld();
    refreshAudit();
    if ($("lookup-query").value) lookup();
  } catch (e) {
    say(e.message, true);
  }
}

async function lookup(event) {
  if (event) event.preventDefault();
  try {
    const players = await api(AUTH + "/admin/players?query=" + encodeURIComponent($("lookup-query").value.trim()));
    const body = $("players");
    body.replaceChildren();
    if (players.length === 0) say("Nobody is called that");
    for (const p of players) {
      const row = document.createElement("tr");
      row.dataset.user = p.user_id;
      cell(row, p.username + " #" + p.user_id);
      cell(row, p.role);
      cell(row, p.banned_until ? p.banned_until + " (" + p.ban_reason + ")" : "no", p.banned_until ? "banned" : "");
      cell(row, p.chat_muted_until ? "muted until " + p.chat_muted_until : "–", p.chat_muted_until ? "muted" : "");
      const characters = cell(row, p.characters.map((c) => c.name + " lv" + c.level + " map " + c.map_id
        + (c.in_world_on ? " on " + c.in_world_on : "")).join("; "), "characters");
      for (const c of p.characters.filter((c) => c.in_world_on)) {
        whereIs(c, characters);
      }
      for (const c of p.characters) {
        const show = button("Items of " + c.name, "quiet items", () => showItems(c, p.may_act !== false));
        show.dataset.character = c.id;
        characters.appendChild(show);
      }
      const online = cell(row, "…", "online");
      api("/admin/sessions/" + encodeURIComponent(p.user_id))
        .then((session) => { online.textContent = "online via " + session.gatewayId; })
        .catch(() => { online.textContent = "offline"; });
      cell(row, p.last_logins.length ? new Date(p.last_logins[0].at).toLocaleString() + " from " + p.last_logins[0].address : "–");
      const actions = cell(row, "");
      // auth-service says whom this viewer may act on (a lower rank than theirs, never themselves) and
      // refuses the rest with FORBIDDEN_TARGET: the page offers only what will be done.
      if (p.may_act === false) {
        actions.textContent = p.user_id === state.userId ? "you" : "a " + p.role + ": not yours to act on";
        actions.className = "dim no-actions";
        body.appendChild(row);
        continue;
      }
      if (state.role === "admin") {
        const role = document.createElement("select");
        role.className = "role";
        for (const name of ["player", "gm", "admin"]) {
          const option = document.createElement("option");
          option.value = name;
          option.textContent = name;
          option.selected = name === p.role;
          role.appendChild(option);
        }
        role.addEventListener("change", () => act(AUTH + "/admin/accounts/" + p.user_id + "/role", "PUT",
          p.username + " is now " + role.value, { role: role.value }));
        actions.appendChild(role);
      }
      actions.appendChild(button("Kick", "quiet kick", () =>
        act(AUTH + "/admin/accounts/" + p.user_id + "/kick", "POST", "Kicked " + p.username, {})));
      actions.appendChild(p.chat_muted_until
        ? button("Unmute", "quiet unmute", () => act(AUTH + "/admin/accounts/" + p.user_id + "/mute", "DELETE", "Unmuted " + p.username))
        : button("Mute 1 h", "quiet mute", () => act(AUTH + "/admin/accounts/" + p.user_id + "/mute", "POST", "Muted " + p.username,
            { reason: $("ban-reason").value || "Breaking the rules", duration_seconds: 3600 })));
      actions.appendChild(p.banned_until
        ? button("Unban", "quiet unban", () => act(AUTH + "/admin/accounts/" + p.user_id + "/ban", "DELETE", "Unbanned " + p.username))
        : button("Ban", "danger ban", () => act(AUTH + "/admin/accounts/" + p.user_id + "/ban", "POST", "Banned " + p.username,
            { reason: $("ban-reason").value || "Breaking the rules" })));
      body.appendChild(row);
    }
  } catch (e) {
    say("Lookup: " + e.message, true);
  }
}

/** A character in the world: its channel and live position, from its map server (frames start on the first ask). */
async function whereIs(character, into, attempt = 1) {
  try {
    const at = await api("/admin/servers/" + character.in_world_on + "/view/character/" + character.id);
    const line = document.createElement("div");
    line.className = "where";
    line.textContent = character.name + ": channel " + at.channel + " at (" + Math.round(at.x) + ", " + Math.round(at.y) + ")";
    into.appendChild(line);
  } catch (e) {
    if (attempt < 3) setTimeout(() => whereIs(character, into, attempt + 1), 400);
  }
}

const WORN = ["weapon", "head", "body", "feet"];

/** The item types (GET /items through the relay), once: names for the tables and the grant list. */
async function itemTypes() {
  if (!state.itemTypes) {
    const index = await api(AUTH + "/items");
    state.itemTypes = new Map(index.items.map((t) => [t.id, t]));
    const select = $("grant-type");
    select.replaceChildren();
    for (const t of index.items) {
      const option = document.createElement("option");
      option.value = t.id;
      option.textContent = t.name + " (" + t.kind + (t.stack > 1 ? ", stacks of " + t.stack : "") + ")";
      select.appendChild(option);
    }
  }
  return state.itemTypes;
}

/** A character's items and ledger; grant and remove when this viewer may act on its account. */
async function showItems(character, mayAct) {
  state.itemsOf = { character, mayAct };
  try {
    const types = await itemTypes();
    const books = await api(AUTH + "/admin/characters/" + character.id + "/items");
    $("items").hidden = false;
    $("items").dataset.character = character.id;
    $("items-title").textContent = character.name + " #" + character.id;
    $("items-where").textContent = books.server_id ? "in the world on " + books.server_id + ": kick before granting or removing"
      : "not in the world";
    $("grant-form").hidden = !mayAct;
    const held = $("items-held");
    held.replaceChildren();
    if (books.items.length === 0) {
      const row = document.createElement("tr");
      cell(row, "no items", "dim");
      held.appendChild(row);
    }
    for (const item of books.items) {
      const row = document.createElement("tr");
      row.dataset.item = item.id;
      cell(row, item.slot >= 100 ? "worn: " + (WORN[item.slot - 100] || item.slot) : "bag " + item.slot);
      cell(row, item.name, "item-name");
      cell(row, item.quantity, "item-quantity");
      cell(row, item.id);
      const actions = cell(row, "");
      if (mayAct) {
        actions.appendChild(button("Remove", "danger remove-item", () => changeItems("DELETE",
          "/items/" + item.id, undefined, "Took " + item.quantity + " " + item.name + " from " + character.name)));
      }
      held.appendChild(row);
    }
    const ledger = $("items-ledger");
    ledger.replaceChildren();
    for (const line of books.ledger) {
      const row = document.createElement("tr");
      row.dataset.reason = line.reason;
      cell(row, new Date(line.at).toLocaleString());
      cell(row, (types.get(line.type_id) || { name: "type " + line.type_id }).name + " #" + line.item_id);
      cell(row, line.quantity);
      cell(row, line.from == null ? "–" : line.from === Number(character.id) ? character.name : "#" + line.from);
      cell(row, line.to == null ? "–" : line.to === Number(character.id) ? character.name : "#" + line.to);
      cell(row, line.reason, "reason");
      cell(row, line.server_id || "–");
      ledger.appendChild(row);
    }
  } catch (e) {
    say("Items: " + e.message, true);
  }
}

async function changeItems(method, path, body, done) {
  const { character, mayAct } = state.itemsOf;
  try {
    await api(AUTH + "/admin/characters/" + character.id + path, { method, body });
    say(done);
  } catch (e) {
    say(e.message, true);
  }
  await showItems(character, mayAct);
  refreshAudit();
}

async function grant(event) {
  event.preventDefault();
  const type = state.itemTypes.get(Number($("grant-type").value));
  const quantity = Number($("grant-quantity").value);
  await changeItems("POST", "/items", { type_id: type.id, quantity },
    "Gave " + quantity + " " + type.name + " to " + state.itemsOf.character.name);
}

async function announce(event) {
  event.preventDefault();
  const message = $("announce-text").value;
  await act(AUTH + "/admin/announce", "POST", "Announced to every gateway", { message });
  $("announce-text").value = "";
}

document.addEventListener("DOMContentLoaded", () => {
  $("login-form").addEventListener("submit", login);
  $("lookup-form").addEventListener("submit", lookup);
  $("announce-form").addEventListener("submit", announce);
  $("grant-form").addEventListener("submit", grant);
  $("logout-button").addEventListener("click", endSession);
  $("live-map").addEventListener("mousemove", hoverLive);
  if (state.token) start();
});
