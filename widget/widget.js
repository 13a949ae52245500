/*
 * Supportive companion chat widget.
 *
 * Embed with one tag:
 *   <script src="https://widget.example.org/widget/widget.js"
 *           data-server-url="https://bot.example.org" data-title="Talk it through"
 *           data-region="GB" data-exit-url="https://www.bbc.co.uk/weather" defer></script>
 *
 * Why it is built this way:
 * - Talks to Rasa's socket.io channel (session_request / session_confirm / user_uttered /
 *   bot_uttered). The socket.io client and every other file come from the origin that serves this
 *   script, never from a CDN: a visit to a mental-health page stays between the person and the site.
 * - Nothing connects to the bot until the person opens the chat (or has unsent messages).
 * - The server issues the session id with a resume token (an HMAC only the server can make); both
 *   and the transcript live in sessionStorage only: closing the tab ends them. A reload resumes
 *   the session by presenting the token; a socket can only speak as the session it was given.
 * - User and bot text are always inserted as text nodes; links are built with DOM APIs.
 * - Messages are queued (and persisted) until the server acknowledges them, so nothing typed while
 *   offline is lost and order is kept.
 * - "Get help now" and "Quick exit" never depend on the bot server.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || window.__supportiveChatWidgetLoaded) return;
  window.__supportiveChatWidgetLoaded = true;

  var STORAGE_KEY = "supportive-chat:v1";
  var STORAGE_PREFIX = "supportive-chat:";
  var ACK_TIMEOUT_MS = 60000;
  var DOUBLE_ESCAPE_MS = 1000;
  var MAX_MESSAGES = 300;
  var MAX_INPUT = 2000;

  var base = new URL(".", script.src).href;
  var data = script.dataset;

  function normaliseRegion(value) {
    var r = String(value || "").trim().toUpperCase();
    if (r === "UK") r = "GB";
    return /^[A-Z]{2}$/.test(r) ? r : "";
  }

  /** Accept only http(s) addresses (relative ones resolve against `relativeTo`). */
  function safeHttpUrl(value, relativeTo) {
    try {
      var u = new URL(String(value), relativeTo);
      return u.protocol === "http:" || u.protocol === "https:" ? u.href : "";
    } catch (e) {
      return "";
    }
  }

  var config = {
    serverUrl: safeHttpUrl(data.serverUrl || new URL(script.src).origin, document.baseURI),
    socketPath: data.socketPath || "",
    title: (data.title || "Talk it through").slice(0, 80),
    region: normaliseRegion(data.region),
    exitUrl: safeHttpUrl(data.exitUrl || "https://www.bbc.co.uk/weather", document.baseURI) ||
      "https://www.bbc.co.uk/weather",
    initPayload: data.initPayload === undefined ? "/greet" : data.initPayload,
    language: String(data.lang || "en").slice(0, 2).toLowerCase(), // for the helplines' texts
    resourcesUrl: safeHttpUrl(data.resourcesUrl || base + "crisis-resources.json", base),
    socketClientUrl: base + "vendor/socket.io.min.js",
    stylesheetUrl: base + "widget.css",
  };

  /** socket.io reads a path in the URL as a namespace, so split "https://host/bot" into the
   *  origin and the socket path "/bot/socket.io/" (for Rasa behind a reverse proxy). */
  function socketTarget() {
    var u = new URL(config.serverUrl || window.location.href);
    var prefix = u.pathname.replace(/\/+$/, "");
    return { origin: u.origin, path: config.socketPath || prefix + "/socket.io/" };
  }

  // ---------------------------------------------------------------- identifiers

  function randomHex(bytes) {
    var a = new Uint8Array(bytes);
    window.crypto.getRandomValues(a);
    var s = "";
    for (var i = 0; i < a.length; i++) s += (a[i] < 16 ? "0" : "") + a[i].toString(16);
    return s;
  }

  // ---------------------------------------------------------------- storage

  var memoryStore = null; // used only when sessionStorage is unavailable (e.g. blocked)

  var conversationEpoch = 0; // changes whenever the conversation is replaced (clear, exit)

  /** No session id yet: the server issues one (with its resume token) on the first connection. */
  function freshState() {
    conversationEpoch += 1;
    return { sessionId: null, resumeToken: null, messages: [], queue: [], greeted: false, open: false, unread: false };
  }

  function loadState() {
    var raw = null;
    try {
      raw = window.sessionStorage.getItem(STORAGE_KEY);
    } catch (e) {
      raw = memoryStore;
    }
    try {
      var s = raw ? JSON.parse(raw) : null;
      if (s && Array.isArray(s.messages) && Array.isArray(s.queue)) {
        var proven = typeof s.sessionId === "string" && /^[0-9a-f]{32}$/.test(s.sessionId) &&
          typeof s.resumeToken === "string" && /^[0-9a-f]{64}$/.test(s.resumeToken);
        if (!proven) { s.sessionId = null; s.resumeToken = null; } // the server issues a new one
        return s;
      }
    } catch (e) { /* corrupt: start afresh */ }
    return freshState();
  }

  var state = loadState();

  var exiting = false; // set by quick exit: nothing may be written after the wipe

  function save() {
    if (exiting) return;
    if (state.messages.length > MAX_MESSAGES) state.messages = state.messages.slice(-MAX_MESSAGES);
    var raw = JSON.stringify(state);
    try {
      window.sessionStorage.setItem(STORAGE_KEY, raw);
    } catch (e) {
      memoryStore = raw;
    }
  }

  function wipeStorage() {
    memoryStore = null;
    try {
      var keys = [];
      for (var i = 0; i < window.sessionStorage.length; i++) {
        var k = window.sessionStorage.key(i);
        if (k && k.indexOf(STORAGE_PREFIX) === 0) keys.push(k);
      }
      keys.forEach(function (k) { window.sessionStorage.removeItem(k); });
    } catch (e) { /* storage unavailable: nothing stored */ }
  }

  // ---------------------------------------------------------------- DOM helpers

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === "text") node.textContent = attrs[k];
        else if (k === "className") node.className = attrs[k];
        else if (k === "hidden") node.hidden = !!attrs[k];
        else node.setAttribute(k, attrs[k]);
      });
    }
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function srOnly(text) {
    return el("span", { className: "sr-only", text: text });
  }

  function externalLink(href, label) {
    var a = el("a", { href: href, target: "_blank", rel: "noopener noreferrer" });
    a.appendChild(document.createTextNode(label));
    a.appendChild(srOnly(" (opens in a new tab)"));
    return a;
  }

  var LINK_RE = /\[([^\]\n]{1,200})\]\((https?:\/\/[^\s()<>]+)\)|https?:\/\/[^\s<>"'`]+/gi;

  /** Appends `text` to `parent` as text nodes, turning http(s) URLs into links (never HTML). */
  function appendTextWithLinks(parent, text) {
    var last = 0;
    var m;
    LINK_RE.lastIndex = 0;
    while ((m = LINK_RE.exec(text)) !== null) {
      var label;
      var url;
      var end;
      if (m[1] !== undefined) {
        label = m[1];
        url = m[2];
        end = m.index + m[0].length;
      } else {
        url = m[0].replace(/[.,;:!?)\]}'"]+$/, "");
        label = url;
        end = m.index + url.length;
      }
      var href = safeHttpUrl(url);
      if (m.index > last) appendWithContacts(parent, text.slice(last, m.index));
      if (href) parent.appendChild(externalLink(href, label));
      else parent.appendChild(document.createTextNode(text.slice(m.index, end)));
      last = end;
      LINK_RE.lastIndex = end;
    }
    if (last < text.length) appendWithContacts(parent, text.slice(last));
  }

  function escapeRe(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  /**
   * The helplines' numbers and addresses, from the crisis resources (crisis-resources.json,
   * generated from data/crisis/resources.yml): what a bot message may name and the widget turns
   * into tel:, sms: and https links. Nothing here is typed by hand.
   */
  function contactsOf(res) {
    var numbers = {}; // as written -> { sms: bool }
    var hosts = {}; // host as written -> https URL
    function addNumber(n, sms) {
      n = String(n || "").trim();
      if (!telHref(n) || telHref(n).length < 3) return;
      numbers[n] = numbers[n] || { sms: false };
      if (sms) numbers[n].sms = true;
    }
    var em = (res && res.emergency) || {};
    String(typeof em === "string" ? em : em.default || "").split("/").forEach(function (n) { addNumber(n, false); });
    Object.keys(em.numbers || {}).forEach(function (k) { addNumber(em.numbers[k], false); });
    ((res && res.resources) || []).forEach(function (entry) {
      addNumber(entry.phone || entry.call, false);
      addNumber(entry.sms || entry.text_number, true);
      var url = safeHttpUrl(entry.url || entry.website || "");
      if (url) {
        var host = new URL(url).hostname;
        hosts[host] = url;
        hosts[host.replace(/^www\./, "")] = url;
      }
    });
    var numberList = Object.keys(numbers).sort(function (a, b) { return b.length - a.length; });
    var hostList = Object.keys(hosts).sort(function (a, b) { return b.length - a.length; });
    var parts = [];
    if (hostList.length) parts.push("\\b(" + hostList.map(escapeRe).join("|") + ")(?![\\w.-]*\\w)");
    if (numberList.length) {
      parts.push("(\\btext\\s+)?(?<![\\d+,.])(" + numberList.map(escapeRe).join("|") + ")(?![\\d])");
    }
    return {
      numbers: numbers,
      hosts: hosts,
      re: parts.length ? new RegExp(parts.join("|"), "gi") : null,
    };
  }

  var contacts = null;

  /** Appends plain text, turning helpline numbers into tel: links ("text 988" also into an
   *  sms: link) and helpline addresses into https links. */
  function appendWithContacts(parent, text) {
    if (!contacts) contacts = contactsOf(resources);
    var re = contacts.re;
    if (!re) { parent.appendChild(document.createTextNode(text)); return; }
    var last = 0;
    var m;
    re.lastIndex = 0;
    while ((m = re.exec(text)) !== null) {
      if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
      if (m[1]) {
        var url = contacts.hosts[m[1]] || contacts.hosts[m[1].toLowerCase()];
        parent.appendChild(externalLink(url, m[1]));
      } else {
        var number = m[3];
        var info = contacts.numbers[number] || {};
        if (m[2]) {
          if (info.sms) {
            var word = m[2].replace(/\s+$/, "");
            parent.appendChild(el("a", { href: "sms:" + telHref(number), className: "contact-sms" }, [word]));
            parent.appendChild(document.createTextNode(m[2].slice(word.length)));
          } else {
            parent.appendChild(document.createTextNode(m[2]));
          }
        }
        parent.appendChild(el("a", { href: "tel:" + telHref(number), className: "contact-tel" }, [number]));
      }
      last = m.index + m[0].length;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  // ---------------------------------------------------------------- crisis resources

  // Used only if crisis-resources.json cannot be fetched: the same defaults the bot uses.
  var FALLBACK_RESOURCES = {
    emergency: { default: "911 / 999 / 112", numbers: { US: "911", CA: "911", GB: "999", IE: "112", AU: "000", NZ: "111" } },
    resources: [
      { name: "988 Suicide & Crisis Lifeline", regions: ["US", "CA"], description: "Call or text 988.", phone: "988", sms: "988", url: "https://988lifeline.org" },
      { name: "Samaritans", regions: ["GB", "IE"], description: "Call 116 123, free, any time.", phone: "116 123", url: "https://www.samaritans.org" },
      { name: "Lifeline", regions: ["AU"], description: "Call 13 11 14.", phone: "13 11 14", url: "https://www.lifeline.org.au" },
      { name: "Find A Helpline", regions: [], description: "Helplines in other countries.", url: "https://findahelpline.com" },
    ],
  };
  var resources = FALLBACK_RESOURCES;
  var resourcesPromise = null;

  function loadResources() {
    if (!resourcesPromise) {
      resourcesPromise = fetch(config.resourcesUrl, { credentials: "omit", cache: "no-cache" })
        .then(function (r) { return r.ok ? r.json() : Promise.reject(new Error("HTTP " + r.status)); })
        .then(function (json) {
          if (json && Array.isArray(json.resources) && json.resources.length) {
            resources = json;
            contacts = null;
          }
          return resources;
        })
        .catch(function () { resourcesPromise = null; return resources; });
    }
    return resourcesPromise;
  }

  function regionsOf(entry) {
    var r = entry.regions || entry.countries || entry.region || [];
    if (typeof r === "string") r = [r];
    return r.map(normaliseRegion).filter(Boolean);
  }

  /** The region's own lines first, then other countries' lines, then lines for everywhere. */
  function orderedResources(list, region) {
    function rank(entry) {
      var rs = regionsOf(entry);
      if (!rs.length) return 2;
      return region && rs.indexOf(region) !== -1 ? 0 : 1;
    }
    return list
      .map(function (e, i) { return { e: e, i: i, r: rank(e) }; })
      .sort(function (a, b) { return a.r - b.r || a.i - b.i; })
      .map(function (x) { return x.e; });
  }

  function emergencyNumber(res, region) {
    var em = res.emergency || FALLBACK_RESOURCES.emergency;
    if (typeof em === "string") return em;
    if (region && em.numbers && em.numbers[region]) return String(em.numbers[region]);
    return String(em.default || FALLBACK_RESOURCES.emergency.default);
  }

  function telHref(number) {
    var digits = String(number).replace(/[^0-9+]/g, "");
    return digits ? digits : "";
  }

  function renderHelp(container, res) {
    container.textContent = "";
    var region = config.region;
    var em = emergencyNumber(res, region);
    var emP = el("p", { className: "help-emergency" });
    emP.appendChild(document.createTextNode("If you are in danger right now, call "));
    var emParts = em.split("/").map(function (s) { return s.trim(); }).filter(Boolean);
    emParts.forEach(function (n, i) {
      if (i) emP.appendChild(document.createTextNode(" / "));
      emP.appendChild(el("a", { href: "tel:" + telHref(n), text: n }));
    });
    emP.appendChild(document.createTextNode(" (emergency services)."));
    container.appendChild(emP);
    container.appendChild(el("p", {
      text: "You don't have to go through this alone. These people are there to talk, now:",
    }));

    var list = el("ul", { className: "help-list" });
    orderedResources(res.resources || [], region).forEach(function (entry) {
      var name = String(entry.name || entry.title || "");
      if (!name) return;
      var li = el("li", { className: "help-item" });
      li.appendChild(el("h4", { text: name }));
      var own = !!region && regionsOf(entry).indexOf(region) !== -1;
      var texts = entry.texts && (entry.texts[config.language] || entry.texts.en);
      var desc = (texts && (own ? texts.local : texts.general)) || entry.description || entry.details || "";
      if (desc) li.appendChild(el("p", { text: String(desc) }));
      var actions = el("p", { className: "help-actions" });
      var phone = entry.phone || entry.call;
      var sms = entry.sms || entry.text_number;
      var url = safeHttpUrl(entry.url || entry.website || "");
      if (phone && telHref(phone)) {
        actions.appendChild(el("a", { href: "tel:" + telHref(phone), className: "help-call" }, ["Call " + phone]));
      }
      if (sms && telHref(sms)) {
        actions.appendChild(el("a", { href: "sms:" + telHref(sms), className: "help-text" }, ["Text " + sms]));
      }
      if (url) actions.appendChild(externalLink(url, new URL(url).hostname.replace(/^www\./, "")));
      if (actions.childNodes.length) li.appendChild(actions);
      list.appendChild(li);
    });
    container.appendChild(list);
    container.appendChild(el("p", {
      className: "help-note",
      text: "This chat is an automated bot. It cannot call anyone or send help for you.",
    }));
  }

  // ---------------------------------------------------------------- UI

  var host = el("div", { id: "supportive-chat-widget" });
  var root = host.attachShadow({ mode: "open" });
  var ui = {};
  var lastEscape = 0;

  function build() {
    var link = el("link", { rel: "stylesheet", href: config.stylesheetUrl });
    root.appendChild(link);

    var wrapper = el("div", { className: "scw", hidden: true });
    link.addEventListener("load", function () { wrapper.hidden = false; });
    link.addEventListener("error", function () { wrapper.hidden = false; });
    root.appendChild(wrapper);

    // Closed state: three always-visible buttons.
    ui.bar = el("div", { className: "bar", role: "group", "aria-label": config.title + " chat" });
    ui.barHelp = el("button", { type: "button", className: "btn btn-help" }, ["Get help now"]);
    ui.barExit = el("button", { type: "button", className: "btn btn-exit", title: "Leave this site quickly (or press Esc twice)" }, ["Quick exit"]);
    ui.launcher = el("button", {
      type: "button", className: "btn btn-launch", "aria-expanded": "false", "aria-controls": "scw-panel",
    }, [el("span", { text: "Chat" }), srOnly(": " + config.title)]);
    ui.unread = el("span", { className: "unread", hidden: true }, [srOnly(" (new message)")]);
    ui.launcher.appendChild(ui.unread);
    ui.bar.appendChild(ui.barHelp);
    ui.bar.appendChild(ui.barExit);
    ui.bar.appendChild(ui.launcher);
    wrapper.appendChild(ui.bar);

    // Open state: the panel.
    ui.panel = el("section", { id: "scw-panel", className: "panel", role: "region", "aria-labelledby": "scw-title", hidden: true });
    var header = el("header", { className: "panel-header" });
    var titleBox = el("div", { className: "titles" }, [
      el("h2", { id: "scw-title", text: config.title }),
      el("p", { className: "subtitle", text: "An automated bot, not a person or a therapist" }),
    ]);
    ui.close = el("button", { type: "button", className: "btn btn-close", "aria-label": "Close chat" }, [
      el("span", { "aria-hidden": "true", text: "\u2715" }),
    ]);
    header.appendChild(el("div", { className: "title-row" }, [titleBox, ui.close]));
    ui.help = el("button", { type: "button", className: "btn btn-help", "aria-pressed": "false" }, ["Get help now"]);
    ui.exit = el("button", { type: "button", className: "btn btn-exit", title: "Leave this site quickly (or press Esc twice)" }, ["Quick exit"]);
    header.appendChild(el("div", { className: "header-actions" }, [ui.help, ui.exit]));
    ui.panel.appendChild(header);

    // Chat view.
    ui.chat = el("div", { className: "chat-view" });
    ui.log = el("div", {
      className: "log", role: "log", "aria-live": "polite", "aria-relevant": "additions",
      "aria-label": "Conversation", tabindex: "0",
    });
    ui.typing = el("div", { className: "typing", hidden: true }, [
      el("span", { className: "dots", "aria-hidden": "true" }, [el("span"), el("span"), el("span")]),
      el("span", { text: "The bot is writing\u2026" }),
    ]);
    ui.statusText = el("span", { className: "status-text" });
    ui.status = el("div", { className: "status", role: "status" }, [ui.statusText]);
    ui.retry = el("button", { type: "button", className: "btn btn-secondary btn-retry", hidden: true }, ["Try again"]);
    ui.statusBox = el("div", { className: "status-box", hidden: true }, [ui.status, ui.retry]);

    ui.input = el("textarea", {
      id: "scw-input", rows: "2", maxlength: String(MAX_INPUT), autocomplete: "off",
      placeholder: "Write a message\u2026", "aria-describedby": "scw-input-hint",
    });
    ui.send = el("button", { type: "submit", className: "btn btn-send" }, ["Send"]);
    ui.form = el("form", { className: "composer", "aria-label": "Send a message" }, [
      el("label", { className: "sr-only", for: "scw-input", text: "Your message" }),
      ui.input,
      ui.send,
    ]);
    var hint = el("p", { id: "scw-input-hint", className: "hint", text: "Enter sends, Shift+Enter starts a new line. Press Esc twice to leave this site quickly." });

    ui.clear = el("button", { type: "button", className: "btn-link" }, ["Clear conversation"]);
    ui.clearYes = el("button", { type: "button", className: "btn btn-secondary" }, ["Yes, clear it"]);
    ui.clearNo = el("button", { type: "button", className: "btn btn-secondary" }, ["Keep it"]);
    ui.clearConfirm = el("div", { className: "clear-confirm", role: "group", "aria-label": "Clear conversation?", hidden: true }, [
      el("span", { text: "Clear this conversation from this page?" }), ui.clearYes, ui.clearNo,
    ]);
    var footer = el("div", { className: "footer" }, [ui.clear, ui.clearConfirm]);

    ui.chat.appendChild(ui.log);
    ui.chat.appendChild(ui.typing);
    ui.chat.appendChild(ui.statusBox);
    ui.chat.appendChild(ui.form);
    ui.chat.appendChild(hint);
    ui.chat.appendChild(footer);
    ui.panel.appendChild(ui.chat);

    // Help view.
    ui.helpTitle = el("h3", { id: "scw-help-title", tabindex: "-1", text: "Get help now" });
    ui.helpBody = el("div", { className: "help-body" });
    ui.helpBack = el("button", { type: "button", className: "btn btn-secondary btn-back" }, ["Back to the chat"]);
    ui.helpView = el("div", { className: "help-view", role: "region", "aria-labelledby": "scw-help-title", hidden: true }, [
      el("div", { className: "help-top" }, [ui.helpTitle, ui.helpBack]), ui.helpBody,
    ]);
    ui.panel.appendChild(ui.helpView);
    wrapper.appendChild(ui.panel);

    renderHelp(ui.helpBody, resources);
    state.messages.forEach(renderMessage);
    setUnread(state.unread);

    // Events.
    ui.launcher.addEventListener("click", function () { openPanel("chat"); });
    ui.barHelp.addEventListener("click", function () { openPanel("help"); });
    ui.help.addEventListener("click", function () {
      if (ui.helpView.hidden) showView("help"); else showView("chat");
    });
    ui.helpBack.addEventListener("click", function () { showView("chat"); });
    ui.close.addEventListener("click", closePanel);
    ui.barExit.addEventListener("click", quickExit);
    ui.exit.addEventListener("click", quickExit);
    ui.retry.addEventListener("click", retry);
    ui.form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      submitInput();
    });
    ui.input.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" && !ev.shiftKey && !ev.isComposing) {
        ev.preventDefault();
        submitInput();
      }
    });
    ui.clear.addEventListener("click", function () {
      ui.clear.hidden = true;
      ui.clearConfirm.hidden = false;
      ui.clearNo.focus();
    });
    ui.clearNo.addEventListener("click", function () {
      ui.clearConfirm.hidden = true;
      ui.clear.hidden = false;
      ui.clear.focus();
    });
    ui.clearYes.addEventListener("click", clearConversation);
    document.addEventListener("keydown", onKeydown, true);
  }

  function setUnread(on) {
    state.unread = !!on;
    ui.unread.hidden = !on;
  }

  function scrollToEnd() {
    ui.log.scrollTop = ui.log.scrollHeight;
  }

  // The first bot message since the person last wrote: a reply is shown from its start (a long
  // crisis reply would otherwise scroll its opening and first helpline out of view).
  var replyStart = null;

  function keepReplyInView() {
    if (!replyStart || !replyStart.isConnected) { scrollToEnd(); return; }
    var offset = replyStart.getBoundingClientRect().top - ui.log.getBoundingClientRect().top;
    var start = ui.log.scrollTop + offset - 8;
    ui.log.scrollTop = Math.max(0, Math.min(start, ui.log.scrollHeight - ui.log.clientHeight));
  }

  function renderMessage(msg) {
    var mine = msg.from === "user";
    var item = el("div", { className: "msg " + (mine ? "msg-user" : "msg-bot") });
    item.dataset.id = msg.id;
    var bubble = el("p", { className: "bubble" });
    bubble.appendChild(srOnly(mine ? "You: " : "Bot: "));
    if (mine) bubble.appendChild(document.createTextNode(msg.text));
    else appendTextWithLinks(bubble, msg.text);
    item.appendChild(bubble);
    if (mine && msg.pending) {
      item.appendChild(el("p", { className: "pending", text: "Not sent yet: it will go when the connection is back." }));
    }
    if (!mine && msg.buttons && msg.buttons.length) {
      var group = el("div", { className: "quick-replies", role: "group", "aria-label": "Suggested replies" });
      msg.buttons.forEach(function (b) {
        var btn = el("button", { type: "button", className: "btn btn-reply" }, [b.title]);
        btn.disabled = !!msg.used;
        btn.addEventListener("click", function () { onQuickReply(msg, b); });
        group.appendChild(btn);
      });
      item.appendChild(group);
    }
    ui.log.appendChild(item);
    if (mine) replyStart = null;
    else if (!replyStart) replyStart = item;
    keepReplyInView();
  }

  function findMessageNode(id) {
    var nodes = ui.log.querySelectorAll(".msg");
    for (var i = 0; i < nodes.length; i++) if (nodes[i].dataset.id === id) return nodes[i];
    return null;
  }

  function addMessage(msg) {
    msg.id = msg.id || randomHex(8);
    state.messages.push(msg);
    save();
    renderMessage(msg);
    return msg;
  }

  function onQuickReply(msg, button) {
    if (msg.used) return;
    msg.used = true;
    save();
    var node = findMessageNode(msg.id);
    if (node) {
      node.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
    }
    sendUserMessage(button.payload, button.title);
    ui.input.focus();
  }

  function submitInput() {
    var text = ui.input.value.trim();
    if (!text) return;
    ui.input.value = "";
    sendUserMessage(text.slice(0, MAX_INPUT), null);
  }

  function showView(view, keepFocus) {
    var help = view === "help";
    ui.helpView.hidden = !help;
    ui.chat.hidden = help;
    ui.help.setAttribute("aria-pressed", help ? "true" : "false");
    if (help) {
      renderHelp(ui.helpBody, resources);
      loadResources().then(function (res) { if (!ui.helpView.hidden) renderHelp(ui.helpBody, res); });
      if (!keepFocus) ui.helpTitle.focus();
    } else {
      scrollToEnd();
      if (!keepFocus) ui.input.focus();
      startConversation();
    }
  }

  function openPanel(view, keepFocus) {
    ui.panel.hidden = false;
    ui.bar.hidden = true;
    ui.launcher.setAttribute("aria-expanded", "true");
    state.open = true;
    setUnread(false);
    save();
    showView(view, keepFocus);
  }

  function closePanel() {
    ui.panel.hidden = true;
    ui.bar.hidden = false;
    ui.launcher.setAttribute("aria-expanded", "false");
    state.open = false;
    save();
    ui.launcher.focus();
  }

  function onKeydown(ev) {
    if (ev.key !== "Escape" && ev.key !== "Esc") return;
    var now = Date.now();
    if (now - lastEscape <= DOUBLE_ESCAPE_MS) {
      ev.preventDefault();
      quickExit();
      return;
    }
    lastEscape = now;
    if (!ui.panel.hidden) closePanel();
  }

  // ---------------------------------------------------------------- quick exit and clear

  function quickExit() {
    exiting = true;
    try { if (socket) socket.disconnect(); } catch (e) { /* leaving anyway */ }
    socket = null;
    wipeStorage();
    state = freshState();
    try { host.remove(); } catch (e) { /* leaving anyway */ }
    try { document.documentElement.style.visibility = "hidden"; } catch (e) { /* leaving anyway */ }
    window.location.replace(config.exitUrl);
  }

  function clearConversation() {
    dropSocket();
    state = freshState();
    state.open = true;
    save();
    ui.log.textContent = "";
    ui.clearConfirm.hidden = true;
    ui.clear.hidden = false;
    setTyping(false);
    setStatus("");
    ui.input.value = "";
    ui.input.focus();
    startConversation();
  }

  // ---------------------------------------------------------------- connection

  var socket = null;
  var ioPromise = null;
  var ready = false; // connected and session confirmed
  var inFlight = null; // id of the queued message awaiting the server's acknowledgement
  var failures = 0;

  /** Loads the socket.io client from this widget's own origin, leaving any page `io` untouched. */
  function loadSocketClient() {
    if (!ioPromise) {
      ioPromise = new Promise(function (resolve, reject) {
        var had = Object.prototype.hasOwnProperty.call(window, "io");
        var previous = window.io;
        var s = document.createElement("script");
        s.src = config.socketClientUrl;
        s.async = true;
        s.onload = function () {
          var lib = window.io;
          if (had) window.io = previous; else { try { delete window.io; } catch (e) { window.io = undefined; } }
          if (typeof lib === "function") resolve(lib); else reject(new Error("socket.io client missing"));
        };
        s.onerror = function () { reject(new Error("socket.io client failed to load")); };
        document.head.appendChild(s);
      }).catch(function (err) {
        ioPromise = null;
        throw err;
      });
    }
    return ioPromise;
  }

  function setStatus(kind) {
    var text = "";
    if (kind === "connecting") text = "Connecting\u2026";
    else if (kind === "offline") {
      text = "We can't reach the chat right now. Anything you write will be sent when the connection is back. \u201cGet help now\u201d works without the chat.";
    }
    ui.statusText.textContent = text;
    ui.statusBox.hidden = !text;
    ui.retry.hidden = kind !== "offline";
    ui.statusBox.className = "status-box" + (kind ? " status-" + kind : "");
    ui.panel.classList.toggle("offline", kind === "offline"); // shows "waiting to send" marks
  }

  function setTyping(on) {
    ui.typing.hidden = !on;
    keepReplyInView();
  }

  function dropSocket() {
    if (socket) {
      socket.removeAllListeners();
      socket.io.removeAllListeners && socket.io.removeAllListeners();
      socket.disconnect();
    }
    socket = null;
    ready = false;
    inFlight = null;
  }

  var connectingTimer = null;

  function stickyKey() {
    var bytes = new Uint8Array(8);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function ensureSocket() {
    if (socket) return;
    clearTimeout(connectingTimer);
    connectingTimer = setTimeout(function () { // only worth saying if it takes a while
      if (!ready && ui.statusBox.hidden) setStatus("connecting");
    }, 1500);
    var epochAtStart = conversationEpoch;
    loadSocketClient().then(function (io) {
      if (socket || conversationEpoch !== epochAtStart) return;
      var target = socketTarget();
      var s = io(target.origin, {
        path: target.path,
        transports: ["websocket", "polling"],
        // A random key per socket, sent with every request: nginx hashes on it to keep a
        // long-polling socket on one Rasa replica (deploy/nginx/bot.conf).
        query: { sticky: stickyKey() },
        tryAllTransports: true,
        forceNew: true,
        reconnection: true,
        reconnectionDelay: 1000,
        reconnectionDelayMax: 5000,
        timeout: 10000,
        withCredentials: false,
      });
      socket = s;
      s.on("connect", function () {
        // Resume our session only with its token; without one the server issues a new session.
        s.emit("session_request", state.sessionId && state.resumeToken
          ? { session_id: state.sessionId, resume_token: state.resumeToken } : {});
      });
      s.on("session_confirm", function (confirmed) {
        if (socket !== s || !confirmed || typeof confirmed !== "object") return; // stale or odd
        var id = confirmed.session_id, token = confirmed.resume_token;
        if (typeof id !== "string" || !/^[0-9a-f]{32}$/.test(id) ||
            typeof token !== "string" || !/^[0-9a-f]{64}$/.test(token)) return;
        state.sessionId = id;
        state.resumeToken = token;
        save();
        ready = true;
        failures = 0;
        setStatus("");
        flushQueue();
      });
      s.on("bot_uttered", onBotUttered);
      s.on("disconnect", function (reason) {
        ready = false;
        inFlight = null;
        setTyping(false);
        setStatus("offline");
        if (reason === "io server disconnect") s.connect();
      });
      s.on("connect_error", function () {
        failures += 1;
        ready = false;
        setTyping(false);
        setStatus("offline");
      });
    }).catch(function () {
      setStatus("offline");
    });
  }

  function retry() {
    dropSocket();
    ensureSocket();
  }

  function startConversation() {
    if (!state.greeted && !state.messages.length && config.initPayload) {
      state.greeted = true;
      state.queue.push({ id: randomHex(8), text: config.initPayload, hidden: true });
      save();
    }
    ensureSocket();
    flushQueue();
  }

  /** Buttons answer the question they came with: once the person sends anything (typed or a
   *  button), every earlier button is disabled, as the bot no longer takes them as answers. */
  function retireButtons() {
    var changed = false;
    state.messages.forEach(function (m) {
      if (m.from === "bot" && m.buttons && m.buttons.length && !m.used) {
        m.used = true;
        changed = true;
      }
    });
    if (!changed) return;
    ui.log.querySelectorAll(".quick-replies button").forEach(function (b) { b.disabled = true; });
  }

  function sendUserMessage(text, display) {
    retireButtons();
    var msg = addMessage({ from: "user", text: display || text, pending: true });
    state.queue.push({ id: msg.id, text: text });
    save();
    ensureSocket();
    flushQueue();
  }

  function markSent(id) {
    for (var i = 0; i < state.messages.length; i++) {
      if (state.messages[i].id === id) delete state.messages[i].pending;
    }
    var node = findMessageNode(id);
    var p = node && node.querySelector(".pending");
    if (p) p.remove();
  }

  /** Sends the oldest queued message and waits for Rasa's acknowledgement before the next. */
  function flushQueue() {
    if (!socket || !ready || inFlight || !state.queue.length) {
      if (!state.queue.length) setTyping(false);
      return;
    }
    var item = state.queue[0];
    var s = socket;
    inFlight = item.id;
    setTyping(true);
    var meta = { region: config.region || null };
    s.timeout(ACK_TIMEOUT_MS).emit(
      "user_uttered",
      { message: item.text, session_id: state.sessionId, customData: meta, metadata: meta },
      function (err) {
        if (socket !== s || inFlight !== item.id) return;
        if (err && !s.connected) { inFlight = null; return; } // lost with the connection: resend later
        // Acknowledged (or timed out while connected: the server has it; do not send it twice).
        inFlight = null;
        if (state.queue.length && state.queue[0].id === item.id) state.queue.shift();
        markSent(item.id);
        save();
        if (!state.queue.length) setTyping(false);
        flushQueue();
      }
    );
  }

  function onBotUttered(payload) {
    if (!payload || typeof payload !== "object") return;
    var text = typeof payload.text === "string" ? payload.text : "";
    var raw = Array.isArray(payload.quick_replies) ? payload.quick_replies
      : Array.isArray(payload.buttons) ? payload.buttons : [];
    var buttons = raw
      .filter(function (b) { return b && typeof b.title === "string" && b.title; })
      .map(function (b) { return { title: b.title, payload: typeof b.payload === "string" && b.payload ? b.payload : b.title }; });
    var att = payload.attachment;
    if (att && att.payload && typeof att.payload.src === "string" && safeHttpUrl(att.payload.src)) {
      text = (text ? text + "\n" : "") + safeHttpUrl(att.payload.src);
    }
    if (!text && !buttons.length) return;
    addMessage({ from: "bot", text: text, buttons: buttons });
    if (ui.panel.hidden) {
      setUnread(true);
      save();
    }
  }

  // ---------------------------------------------------------------- start

  function start() {
    build();
    document.body.appendChild(host);
    loadResources().then(function (res) { if (ui.helpView) renderHelp(ui.helpBody, res); });
    if (state.open) {
      openPanel("chat", true); // restore after a reload without moving focus
    } else if (state.queue.length) {
      ensureSocket();
    }
  }

  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
