// Iron Funnel's live board: the Telegram Mini App and the office TV page.
// No framework and nothing from the internet: the server renders the board (numbers
// formatted, texts translated); this script fetches it every 2 s, swaps it in when it
// changed, switches the period, and on the TV rotates the panels.
(function () {
  "use strict";
  var body = document.body;
  var base = body.getAttribute("data-base") || "";
  var tvToken = body.getAttribute("data-tv") || "";
  var root = document.getElementById("board");
  var statusLine = document.getElementById("status");
  var period = body.getAttribute("data-period") || "day";
  var stamp = "";
  var stopped = false;
  var timer = null;
  var offlineText = "Нет связи, пробую снова… / Reconnecting…";
  var POLL_MS = 2000;
  // the TV turns to its next panel every 12 s; ?rotate=<seconds> (5-300) changes that
  var rotateSeconds = Number(new URLSearchParams(window.location.search).get("rotate"));
  var ROTATE_MS = rotateSeconds >= 5 && rotateSeconds <= 300 ? rotateSeconds * 1000 : 12000;

  function hashParams() {
    return new URLSearchParams(window.location.hash.replace(/^#/, ""));
  }

  // Telegram opens a Mini App with its launch parameters in the fragment; keep the init
  // data for the session (an in-app navigation may drop the fragment).
  function initData() {
    var data = hashParams().get("tgWebAppData");
    try {
      if (data) { sessionStorage.setItem("tgWebAppData", data); }
      else { data = sessionStorage.getItem("tgWebAppData"); }
    } catch (e) { /* storage may be off */ }
    if (!data && window.Telegram && window.Telegram.WebApp) { data = window.Telegram.WebApp.initData; }
    return data || "";
  }

  // Tell Telegram the app is ready and may use the whole height (when Telegram is there).
  function telegramEvent(name) {
    try {
      if (window.TelegramWebviewProxy) {
        window.TelegramWebviewProxy.postEvent(name, "{}");
      } else if (window.external && window.external.notify) {
        window.external.notify(JSON.stringify({ eventType: name, eventData: {} }));
      } else if (window.parent !== window) {
        window.parent.postMessage(JSON.stringify({ eventType: name, eventData: {} }), "*");
      }
    } catch (e) { /* not in Telegram */ }
  }

  function applyTheme() {
    var raw = hashParams().get("tgWebAppThemeParams");
    if (!raw) { return; }
    try {
      var theme = JSON.parse(raw);
      var names = { bg_color: "--bg", text_color: "--text", hint_color: "--muted",
                    secondary_bg_color: "--card", button_color: "--accent" };
      Object.keys(names).forEach(function (key) {
        if (/^#[0-9a-fA-F]{3,8}$/.test(theme[key] || "")) {
          document.documentElement.style.setProperty(names[key], theme[key]);
        }
      });
    } catch (e) { /* a theme we cannot read: keep ours */ }
  }

  function url() {
    var path = tvToken ? base + "/api/tv/" + encodeURIComponent(tvToken) : base + "/api/board";
    return path + "?period=" + encodeURIComponent(period) + "&since=" + encodeURIComponent(stamp);
  }

  function show(text) { statusLine.textContent = text; }

  function deny(answer) {
    stopped = true;
    root.innerHTML = "";
    var note = document.createElement("p");
    note.className = "denied";
    note.textContent = (answer && answer.message) || "401";
    root.appendChild(note);
    show("");
  }

  function schedule(ms) {
    if (timer) { clearTimeout(timer); }
    if (!stopped) { timer = setTimeout(poll, ms); }
  }

  function poll() {
    if (document.hidden && !tvToken) { schedule(POLL_MS); return; }
    var headers = {};
    if (!tvToken) { headers.Authorization = "tma " + initData(); }
    var asked = period;
    fetch(url(), { headers: headers, cache: "no-store" })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (answer) {
          if (response.status === 401 || response.status === 404) { deny(answer); return; }
          if (!response.ok || !answer.ok) { throw new Error(String(response.status)); }
          if (answer.version && answer.version !== body.getAttribute("data-version")) {
            window.location.reload();  // the bot was upgraded: take its new page
            return;
          }
          if (asked !== period) { return; }  // the period was switched meanwhile
          if (answer.offline) { offlineText = answer.offline; }
          if (!answer.unchanged) {
            root.innerHTML = answer.html;
            stamp = answer.stamp;
            if (tvToken) { rotate(false); }
          }
          show(answer.updated || "");
        });
      })
      .catch(function () { show(offlineText); })
      .then(function () { schedule(POLL_MS); });
  }

  root.addEventListener("click", function (event) {
    var button = event.target.closest("[data-period-switch]");
    if (!button) { return; }
    period = button.getAttribute("data-period-switch");
    stamp = "";
    root.querySelectorAll("[data-period-switch]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b === button));
    });
    schedule(0);
  });

  // The TV shows one group of panels at a time, in turn; a panel of cards taller than
  // the screen (many reps, many sources) is shown a screenful of cards at a time.
  var groups = [["tiles", "funnel"], ["reps"], ["ranking"], ["sources"], ["trend"]];
  var paged = { reps: "[data-rep]", sources: ".src" };
  var shown = 0;

  function perScreen(panel, selector) {
    var cards = panel.querySelectorAll(selector);
    var fits = 0;
    var bottom = window.innerHeight - statusLine.offsetHeight - 24;
    cards.forEach(function (card) {
      if (card.getBoundingClientRect().bottom <= bottom) { fits += 1; }
    });
    return { cards: cards, size: Math.max(1, fits) };
  }

  function steps() {
    var list = [];
    groups.forEach(function (group) {
      var panels = group.map(function (name) { return root.querySelector('[data-panel="' + name + '"]'); })
        .filter(function (panel) { return panel; });
      if (!panels.length) { return; }
      var selector = paged[group[0]];
      if (!selector) { list.push({ group: group }); return; }
      reveal(group, null);
      var measured = perScreen(panels[0], selector);
      var pages = Math.max(1, Math.ceil(measured.cards.length / measured.size));
      for (var page = 0; page < pages; page += 1) {
        list.push({ group: group, selector: selector, from: page * measured.size, to: (page + 1) * measured.size });
      }
    });
    return list;
  }

  function reveal(group, step) {
    root.querySelectorAll("[data-panel]").forEach(function (panel) {
      panel.hidden = group.indexOf(panel.getAttribute("data-panel")) < 0;
    });
    root.querySelectorAll(".paged-out").forEach(function (card) { card.classList.remove("paged-out"); });
    if (step && step.selector) {
      root.querySelectorAll(step.selector).forEach(function (card, i) {
        if (i < step.from || i >= step.to) { card.classList.add("paged-out"); }
      });
    }
  }

  function rotate(advance) {
    var list = steps();
    if (!list.length) { return; }
    if (advance) { shown += 1; }
    shown = shown % list.length;
    reveal(list[shown].group, list[shown]);
  }
  if (tvToken) { setInterval(function () { rotate(true); }, ROTATE_MS); }

  document.addEventListener("visibilitychange", function () { if (!document.hidden) { schedule(0); } });
  applyTheme();
  telegramEvent("web_app_ready");
  telegramEvent("web_app_expand");
  poll();
})();
