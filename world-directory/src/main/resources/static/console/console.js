// The operations console: plain JavaScript, no build step. It talks only to this host: world-directory's
// staff routes (/admin/...) and, through its relay (/console/api/auth/...), auth-service's. The staff
// member's access token lives in this tab only (sessionStorage). Everything shown is set as text, never HTML.
"use strict";

const AUTH = "/console/api/auth";
const state = { token: sessionStorage.getItem("console.token"), role: null, timers: [] };
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

function logout(message) {
  state.token = null;
  sessionStorage.removeItem("console.token");
  state.timers.forEach(clearInterval);
  state.timers = [];
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
  $("whoami").textContent = me.username + " (" + me.role + ")";
  $("login").hidden = true;
  $("console").hidden = false;
  $("logout-button").hidden = false;
  document.querySelector("main").prepend($("status"));
  say("");
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
    for (const listing of servers) {
      const s = listing.server;
      const row = document.createElement("tr");
      row.dataset.server = s.id;
      cell(row, s.id);
      cell(row, s.supported_maps.join(", "));
      cell(row, s.ip + ":" + s.port, "dim");
      cell(row, s.drained ? "DRAINED" : s.state, s.drained ? "drained" : "");
      cell(row, s.current_players + " / " + s.max_players, "players");
      cell(row, Number(s.load).toFixed(2));
      cell(row, listing.ttl_seconds + " s", "dim");
      const actions = cell(row, "");
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

async function refreshAudit() {
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
      cell(row, p.characters.map((c) => c.name + " lv" + c.level + " map " + c.map_id
        + (c.in_world_on ? " on " + c.in_world_on : "")).join("; "));
      cell(row, p.last_logins.length ? new Date(p.last_logins[0].at).toLocaleString() + " from " + p.last_logins[0].address : "–");
      const actions = cell(row, "");
      actions.appendChild(button("Kick", "quiet kick", () =>
        act(AUTH + "/admin/accounts/" + p.user_id + "/kick", "POST", "Kicked " + p.username, {})));
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
  $("logout-button").addEventListener("click", () => logout("Logged out"));
  if (state.token) start();
});
