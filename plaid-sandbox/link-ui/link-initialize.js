/*
 * Plaid Link for the browser, emulated by Timely's local Plaid sandbox.
 *
 * A page loads this script from the sandbox's origin instead of Plaid's CDN, at the same path
 * (/link/v2/stable/link-initialize.js), and uses the same API:
 *
 *   const handler = Plaid.create({ token, onSuccess, onExit, onEvent, onLoad });
 *   handler.open();   // also handler.exit(), handler.destroy()
 *
 * The modal walks Plaid's flow against the sandbox's own controls (fetch to this script's origin):
 * pick a sandbox institution, sign in as a test user (each shown with the history it comes with),
 * choose the account to share, then onSuccess(public_token, metadata). Closing it calls
 * onExit(error, metadata). In update mode (a link token made for an access_token) the user signs
 * in again to that Item's bank and gets a public token for the same Item.
 *
 * Plain JavaScript, no build step and no dependencies: the web app's tests and a developer's
 * browser run it as is. All styles are injected once, scoped by the `plaid-sbx-` prefix.
 */
(function () {
  'use strict';

  var P = 'plaid-sbx';
  // Only valid while this script runs: the origin every control call goes to.
  var SCRIPT = document.currentScript;
  var ORIGIN = SCRIPT && SCRIPT.src ? new URL(SCRIPT.src).origin : window.location.origin;
  var LOGO_COLORS = ['#1d4ed8', '#047857', '#7c3aed', '#b45309', '#be123c', '#0e7490', '#4338ca', '#15803d'];

  var CSS = [
    '.P-overlay{position:fixed;inset:0;z-index:2147483000;display:flex;align-items:center;justify-content:center;padding:16px;box-sizing:border-box;background:rgba(17,24,39,.6);font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#111827;line-height:1.4;-webkit-font-smoothing:antialiased}',
    '.P-overlay *,.P-overlay *::before,.P-overlay *::after{box-sizing:border-box}',
    '.P-dialog{position:relative;display:flex;flex-direction:column;width:100%;max-width:420px;height:min(680px,100%);background:#fff;border-radius:16px;box-shadow:0 24px 64px rgba(0,0,0,.35);overflow:hidden;animation:P-in .16s ease-out}',
    '@keyframes P-in{from{opacity:0;transform:translateY(8px) scale(.98)}to{opacity:1;transform:none}}',
    '@media (prefers-reduced-motion:reduce){.P-dialog{animation:none}}',
    '@media (max-width:480px){.P-overlay{padding:0}.P-dialog{max-width:none;height:100%;border-radius:0}}',
    '.P-top{display:flex;align-items:center;justify-content:space-between;gap:8px;padding:12px 12px 0;min-height:56px}',
    '.P-brand{flex:1;text-align:center;font-size:13px;font-weight:600;color:#374151;letter-spacing:.01em}',
    '.P-icon{width:40px;height:40px;flex:none;display:inline-flex;align-items:center;justify-content:center;border:0;border-radius:999px;background:transparent;color:#111827;font:inherit;font-size:20px;cursor:pointer}',
    '.P-icon:hover{background:#f3f4f6}',
    '.P-icon[hidden]{display:inline-flex;visibility:hidden}',
    '.P-body{flex:1;overflow-y:auto;padding:8px 24px 16px}',
    '.P-title{margin:4px 0 6px;font-size:22px;font-weight:700;line-height:1.25;letter-spacing:-.01em;outline:none}',
    '.P-lead{margin:0 0 16px;font-size:14px;color:#4b5563}',
    '.P-label{display:block;margin:0 0 6px;font-size:13px;font-weight:600;color:#374151}',
    '.P-input{display:block;width:100%;height:44px;padding:0 12px;border:1px solid #9ca3af;border-radius:10px;background:#fff;color:#111827;font:inherit;font-size:15px}',
    '.P-input::placeholder{color:#6b7280}',
    '.P-input[aria-invalid=true]{border-color:#b91c1c}',
    '.P-field{margin:0 0 12px}',
    '.P-list{list-style:none;margin:0;padding:0}',
    '.P-list>li{margin:0 0 8px}',
    '.P-option{display:flex;align-items:center;gap:12px;width:100%;min-height:56px;padding:10px 12px;border:1px solid #d1d5db;border-radius:12px;background:#fff;color:#111827;font:inherit;text-align:left;cursor:pointer}',
    '.P-option:hover{background:#f9fafb;border-color:#9ca3af}',
    '.P-logo{width:36px;height:36px;flex:none;display:inline-flex;align-items:center;justify-content:center;border-radius:10px;color:#fff;font-size:13px;font-weight:700;letter-spacing:.02em}',
    '.P-text{display:flex;flex-direction:column;min-width:0;flex:1}',
    '.P-main{font-size:15px;font-weight:600;overflow-wrap:anywhere}',
    '.P-sub{font-size:13px;color:#4b5563;overflow-wrap:anywhere}',
    '.P-mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:14px}',
    '.P-chev{flex:none;color:#6b7280;font-size:18px}',
    '.P-empty{margin:8px 0;font-size:14px;color:#4b5563}',
    '.P-sep{display:flex;align-items:center;gap:12px;margin:16px 0 12px;font-size:13px;color:#4b5563}',
    '.P-sep::before,.P-sep::after{content:"";flex:1;height:1px;background:#e5e7eb}',
    '.P-fieldset{margin:0;padding:0;border:0;min-width:0}',
    '.P-legend{padding:0;margin:0 0 10px;font-size:13px;font-weight:600;color:#374151}',
    '.P-radio{position:relative;display:flex;align-items:center;gap:12px;padding:12px;margin:0 0 8px;border:1px solid #d1d5db;border-radius:12px;cursor:pointer}',
    '.P-radio:hover{background:#f9fafb}',
    '.P-radio:has(input:checked){border-color:#111827;box-shadow:inset 0 0 0 1px #111827;background:#f9fafb}',
    '.P-radio input{width:20px;height:20px;margin:0;flex:none;accent-color:#111827}',
    '.P-amount{flex:none;text-align:right;font-size:14px;font-weight:600}',
    '.P-amount small{display:block;font-size:12px;font-weight:400;color:#4b5563}',
    '.P-primary{display:flex;align-items:center;justify-content:center;width:100%;height:48px;margin-top:8px;border:0;border-radius:12px;background:#111827;color:#fff;font:inherit;font-size:15px;font-weight:600;cursor:pointer}',
    '.P-primary:hover{background:#374151}',
    '.P-primary[aria-disabled=true]{background:#4b5563;cursor:progress}',
    '.P-alert{margin:0 0 12px;padding:10px 12px;border:1px solid #fca5a5;border-radius:10px;background:#fef2f2;color:#991b1b;font-size:14px}',
    '.P-alert:empty{display:none}',
    '.P-foot{padding:10px 24px 14px;border-top:1px solid #f3f4f6;font-size:12px;color:#4b5563;text-align:center}',
    '.P-foot b{font-weight:600;color:#374151}',
    '.P-overlay :focus-visible{outline:3px solid #2563eb;outline-offset:2px}',
    '.P-overlay .P-input:focus-visible{outline-offset:0;border-color:#2563eb}',
    '.P-radio:has(input:focus-visible){outline:3px solid #2563eb;outline-offset:2px}',
    '.P-sr{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}',
  ]
    .join('\n')
    .replace(/P-/g, P + '-');

  function injectStyle() {
    if (document.getElementById(P + '-style')) return;
    var style = document.createElement('style');
    style.id = P + '-style';
    style.textContent = CSS;
    (document.head || document.documentElement).appendChild(style);
  }

  /** Small DOM builder: el('button', {class: 'x', onclick: fn}, ['text', child]). Text is never parsed as HTML. */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === undefined || v === null || v === false) return;
      if (k.slice(0, 2) === 'on') node.addEventListener(k.slice(2), v);
      else if (k === 'class') node.className = v.split(' ').map(function (c) { return P + '-' + c; }).join(' ');
      else if (k === 'value') node.value = v;
      else node.setAttribute(k, v === true ? '' : String(v));
    });
    (children || []).forEach(function (c) {
      if (c !== null && c !== undefined) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }

  function uuid() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, function (c) {
      var r = (Math.random() * 16) | 0;
      return (c === 'x' ? r : (r & 0x3) | 0x8).toString(16);
    });
  }

  function money(v) {
    return v === null || v === undefined ? '—' : new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(v);
  }

  function initials(name) {
    return name.split(/\s+/).filter(function (w) { return /^[A-Z]/.test(w); }).slice(0, 2).map(function (w) { return w[0]; }).join('') || name.slice(0, 2).toUpperCase();
  }

  function colorFor(id) {
    var h = 0;
    for (var i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
    return LOGO_COLORS[h % LOGO_COLORS.length];
  }

  function capitalize(s) {
    return s ? s.charAt(0).toUpperCase() + s.slice(1) : '';
  }

  /** A Plaid-shaped error for failures that never reached the sandbox. */
  function networkError(message) {
    return { error_type: 'API_ERROR', error_code: 'INTERNAL_SERVER_ERROR', error_message: message, display_message: 'Could not reach the local Plaid sandbox at ' + ORIGIN + '.', request_id: uuid() };
  }

  /** Calls a sandbox control; resolves with its JSON, rejects with Plaid's error object. */
  function control(path, body) {
    var init = body === undefined ? { method: 'GET' } : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
    return fetch(ORIGIN + '/__sandbox' + path, init).then(
      function (res) {
        return res.json().then(function (json) {
          if (!res.ok) throw json;
          return json;
        });
      },
      function (err) {
        throw networkError(String(err && err.message ? err.message : err));
      },
    );
  }

  var FOCUSABLE = 'button:not([disabled]),input:not([disabled]),[href],select,textarea,[tabindex]:not([tabindex="-1"])';

  function create(config) {
    config = config || {};
    var token = config.token;
    var call = function (name) {
      var fn = config[name];
      if (typeof fn !== 'function') return;
      var args = Array.prototype.slice.call(arguments, 1);
      try {
        fn.apply(null, args);
      } catch (err) {
        // The page's callback failed: report it, keep Link working.
        setTimeout(function () { throw err; });
      }
    };

    var ui = null; // the sandbox's /link/ui-config answer
    var loadError = null;
    var loaded = false;
    var wantOpen = false;
    var destroyed = false;
    var session = null; // state of the open Link session

    var loading = token
      ? control('/link/ui-config?link_token=' + encodeURIComponent(token)).then(
          function (c) { ui = c; },
          function (e) { loadError = e; },
        )
      : Promise.resolve().then(function () {
          loadError = { error_type: 'INVALID_INPUT', error_code: 'INVALID_LINK_TOKEN', error_message: 'Plaid.create needs a token (the link_token from /link/token/create)', display_message: null, request_id: uuid() };
        });
    loading.then(function () {
      loaded = true;
      if (destroyed) return;
      call('onLoad');
      if (wantOpen) open();
    });

    function eventMeta(extra) {
      var s = session || {};
      var meta = {
        error_type: null,
        error_code: null,
        error_message: null,
        exit_status: null,
        institution_id: s.institution ? s.institution.institution_id : null,
        institution_name: s.institution ? s.institution.name : null,
        institution_search_query: null,
        mfa_type: null,
        view_name: null,
        request_id: s.requestId || null,
        link_session_id: s.id || null,
        timestamp: new Date().toISOString(),
        selection: null,
      };
      Object.keys(extra || {}).forEach(function (k) { meta[k] = extra[k]; });
      return meta;
    }

    function emit(name, extra) {
      call('onEvent', name, eventMeta(extra));
    }

    function errorMeta(e) {
      return { error_type: e.error_type || null, error_code: e.error_code || null, error_message: e.error_message || null, request_id: e.request_id || (session && session.requestId) || null };
    }

    /** onExit's status: where in the flow the user left (Plaid's values). */
    function exitStatus() {
      if (!session) return 'requires_credentials';
      if (session.step === 'institution') return session.noResults ? 'institution_not_found' : 'requires_credentials';
      if (session.step === 'accounts') return 'requires_account_selection';
      return 'requires_credentials';
    }

    // ---- the modal ---------------------------------------------------------------------------

    function open() {
      if (destroyed) return;
      if (!loaded) {
        wantOpen = true;
        return;
      }
      wantOpen = false;
      if (session) return; // already open
      injectStyle();
      session = {
        id: uuid(),
        requestId: uuid(),
        step: null,
        institution: null,
        login: null,
        accounts: null,
        noResults: false,
        lastError: null,
        returnFocus: document.activeElement,
        inerted: [],
      };
      buildShell();
      emit('OPEN');
      if (loadError) return showFatal(loadError);
      if (ui.update_mode) {
        session.institution = ui.update.institution;
        showCredentials();
      } else showInstitutions();
    }

    function buildShell() {
      var s = session;
      s.back = el('button', { type: 'button', class: 'icon', 'aria-label': 'Back', hidden: true, onclick: onBack }, ['\u2190']);
      s.close = el('button', { type: 'button', class: 'icon', 'aria-label': 'Close', onclick: function () { exit(); } }, ['\u00d7']);
      s.body = el('div', { class: 'body' });
      var brand = (ui && ui.client_name ? ui.client_name + ' uses ' : '') + 'Plaid';
      s.dialog = el('div', { class: 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': P + '-title', onkeydown: onKeydown }, [
        el('div', { class: 'top' }, [s.back, el('div', { class: 'brand' }, [brand]), s.close]),
        s.body,
        el('div', { class: 'foot' }, [el('b', {}, ['Local Plaid sandbox']), ' \u00b7 test data only, no real bank']),
      ]);
      s.overlay = el('div', { class: 'overlay', 'data-plaid-sandbox-link': '' }, [s.dialog]);
      // The page behind the modal is inert: no focus, no clicks, hidden from assistive technology.
      Array.prototype.forEach.call(document.body.children, function (child) {
        if (!child.hasAttribute('inert')) {
          child.setAttribute('inert', '');
          s.inerted.push(child);
        }
      });
      document.body.appendChild(s.overlay);
    }

    function onKeydown(ev) {
      if (ev.key === 'Escape') {
        ev.preventDefault();
        exit();
        return;
      }
      if (ev.key !== 'Tab') return;
      // Focus stays inside the dialog.
      var items = Array.prototype.filter.call(session.dialog.querySelectorAll(FOCUSABLE), function (n) {
        return !n.hidden && n.offsetParent !== null;
      });
      if (items.length === 0) return;
      var first = items[0];
      var last = items[items.length - 1];
      if (ev.shiftKey && (document.activeElement === first || !session.dialog.contains(document.activeElement))) {
        ev.preventDefault();
        last.focus();
      } else if (!ev.shiftKey && document.activeElement === last) {
        ev.preventDefault();
        first.focus();
      }
    }

    /** Replaces the step's content, moves focus to its heading (so it is announced) and reports the view. */
    function render(step, viewName, title, nodes, opts) {
      var s = session;
      s.step = step;
      s.back.hidden = !(opts && opts.back);
      var heading = el('h2', { id: P + '-title', class: 'title', tabindex: '-1' }, [title]);
      s.body.replaceChildren.apply(s.body, [heading].concat(nodes));
      (opts && opts.focus ? opts.focus : heading).focus();
      if (viewName) emit('TRANSITION_VIEW', { view_name: viewName });
    }

    function alertBox() {
      return el('div', { class: 'alert', role: 'alert' });
    }

    function showError(box, e) {
      session.lastError = e;
      box.textContent = e.display_message || e.error_message || 'Something went wrong.';
      // The step may be scrolled (a long list of test users): bring the message into view.
      if (box.scrollIntoView) box.scrollIntoView({ block: 'center' });
      emit('ERROR', Object.assign({ view_name: null }, errorMeta(e)));
    }

    function busy(button, on, label) {
      if (on) {
        button.dataset.label = button.textContent;
        button.textContent = label;
        button.setAttribute('aria-disabled', 'true');
      } else {
        button.textContent = button.dataset.label || button.textContent;
        button.removeAttribute('aria-disabled');
      }
    }

    function onBack() {
      if (session.step === 'accounts') showCredentials();
      else if (session.step === 'credentials' && !ui.update_mode) showInstitutions();
    }

    // Step 1: the institution.
    function showInstitutions() {
      var list = el('ul', { class: 'list', 'aria-label': 'Banks' });
      var empty = el('p', { class: 'empty', role: 'status' });
      var search = el('input', { id: P + '-search', class: 'input', type: 'search', autocomplete: 'off', spellcheck: 'false', placeholder: 'Bank name' });
      var searchTimer = null;
      function fill(query) {
        var q = query.trim().toLowerCase();
        var shown = ui.institutions.filter(function (i) { return !q || i.name.toLowerCase().indexOf(q) >= 0 || i.institution_id.indexOf(q) >= 0; });
        list.replaceChildren.apply(list, shown.map(function (inst) {
          return el('li', {}, [
            el('button', { type: 'button', class: 'option', onclick: function () { chooseInstitution(inst); } }, [
              el('span', { class: 'logo', 'aria-hidden': 'true', style: 'background:' + colorFor(inst.institution_id) }, [initials(inst.name)]),
              el('span', { class: 'text' }, [el('span', { class: 'main' }, [inst.name]), el('span', { class: 'sub' }, [inst.institution_id])]),
              el('span', { class: 'chev', 'aria-hidden': 'true' }, ['\u203a']),
            ]),
          ]);
        }));
        session.noResults = shown.length === 0;
        empty.textContent = shown.length === 0 ? 'No sandbox bank matches \u201c' + query.trim() + '\u201d.' : '';
      }
      search.addEventListener('input', function () {
        fill(search.value);
        clearTimeout(searchTimer);
        searchTimer = setTimeout(function () { if (session) emit('SEARCH_INSTITUTION', { institution_search_query: search.value }); }, 400);
      });
      fill('');
      render('institution', 'SELECT_INSTITUTION', 'Select your bank', [
        el('p', { class: 'lead' }, ['Every sandbox bank works with every test user.']),
        el('div', { class: 'field' }, [el('label', { class: 'label', for: P + '-search' }, ['Search']), search]),
        empty,
        list,
      ]);
    }

    function chooseInstitution(inst) {
      session.institution = inst;
      emit('SELECT_INSTITUTION');
      showCredentials();
    }

    // Step 2: sign in as a test user.
    function showCredentials() {
      var inst = session.institution;
      var alert = alertBox();
      alert.id = P + '-signin-error';
      var username = el('input', { id: P + '-username', class: 'input', type: 'text', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', placeholder: 'user_good', value: ui.update_mode ? ui.update.username : '' });
      var password = el('input', { id: P + '-password', class: 'input', type: 'password', autocomplete: 'off', placeholder: 'pass_good', value: ui.update_mode ? 'pass_good' : '' });
      var submit = el('button', { type: 'submit', class: 'primary' }, ['Sign in']);
      var form = el('form', { novalidate: true, onsubmit: function (ev) {
        ev.preventDefault();
        if (!username.value.trim()) {
          alert.textContent = 'Enter a username, or pick a test user.';
          username.focus();
          return;
        }
        signIn(username.value.trim(), password.value || 'pass_good', submit, alert);
      } }, [
        alert,
        el('div', { class: 'field' }, [el('label', { class: 'label', for: P + '-username' }, ['Username']), username]),
        el('div', { class: 'field' }, [el('label', { class: 'label', for: P + '-password' }, ['Password']), password]),
        submit,
      ]);
      var nodes = [el('p', { class: 'lead' }, [ui.update_mode ? 'Your login needs attention. Sign in again to keep your account connected.' : 'Choose a sandbox test user. Each one comes with its own 90-day history.'])];
      if (!ui.update_mode) {
        nodes.push(el('ul', { class: 'list', 'aria-label': 'Test users' }, ui.users.map(function (u) {
          return el('li', {}, [
            el('button', { type: 'button', class: 'option', onclick: function (ev) { signIn(u.username, u.password, ev.currentTarget, alert); } }, [
              el('span', { class: 'text' }, [el('span', { class: 'main mono' }, [u.username]), el('span', { class: 'sub' }, [u.summary])]),
              el('span', { class: 'chev', 'aria-hidden': 'true' }, ['\u203a']),
            ]),
          ]);
        })));
        nodes.push(el('p', { class: 'sep' }, ['or type credentials']));
      }
      nodes.push(form);
      render('credentials', 'CREDENTIAL', (ui.update_mode ? 'Sign in again to ' : 'Sign in to ') + inst.name, nodes, { back: !ui.update_mode });
    }

    function signIn(user, pass, button, alert) {
      if (button.getAttribute('aria-disabled') === 'true') return;
      session.login = { username: user, password: pass };
      session.lastError = null;
      alert.textContent = '';
      emit('SUBMIT_CREDENTIALS');
      busy(button, true, 'Signing in\u2026');
      var creds = { link_token: token, username: user, password: pass };
      if (!ui.update_mode) creds.institution_id = session.institution.institution_id;
      var next = ui.update_mode ? control('/link/complete', creds).then(succeed) : control('/link/accounts', creds).then(showAccounts);
      next.catch(function (e) {
        if (!session) return;
        busy(button, false);
        var password = document.getElementById(P + '-password');
        if (password && e.error_code === 'INVALID_CREDENTIALS') {
          password.setAttribute('aria-invalid', 'true');
          password.setAttribute('aria-describedby', alert.id);
        }
        showError(alert, e);
      });
    }

    // Step 3: the account to share.
    function showAccounts(preview) {
      if (!session) return;
      session.accounts = preview.accounts;
      var alert = alertBox();
      var preferred = preview.accounts.filter(function (a) { return a.subtype === 'checking'; })[0] || preview.accounts[0];
      var radios = preview.accounts.map(function (a) {
        var id = P + '-acct-' + a.index;
        var available = a.balances.available !== null ? a.balances.available : a.balances.current;
        return el('label', { class: 'radio', for: id }, [
          el('input', { id: id, type: 'radio', name: P + '-account', value: String(a.index), checked: a === preferred }),
          el('span', { class: 'text' }, [
            el('span', { class: 'main' }, [a.name]),
            el('span', { class: 'sub' }, [capitalize(a.subtype || a.type) + (a.mask ? ' \u2022\u2022\u2022\u2022 ' + a.mask : '')]),
          ]),
          el('span', { class: 'amount' }, [money(available), el('small', {}, ['available'])]),
        ]);
      });
      var submit = el('button', { type: 'submit', class: 'primary' }, ['Continue']);
      var form = el('form', { novalidate: true, onsubmit: function (ev) {
        ev.preventDefault();
        var checked = form.querySelector('input:checked');
        if (!checked) {
          alert.textContent = 'Choose an account.';
          return;
        }
        connect(Number(checked.value), submit, alert);
      } }, [
        el('fieldset', { class: 'fieldset' }, [el('legend', { class: 'legend' }, ['Accounts at ' + session.institution.name])].concat(radios)),
        submit,
      ]);
      render('accounts', 'SELECT_ACCOUNT', 'Select account', [
        el('p', { class: 'lead' }, [(ui.client_name || 'The app') + ' will only see the account you choose.']),
        alert,
        form,
      ], { back: true });
    }

    function connect(index, button, alert) {
      if (button.getAttribute('aria-disabled') === 'true') return;
      busy(button, true, 'Connecting\u2026');
      control('/link/complete', { link_token: token, username: session.login.username, password: session.login.password, institution_id: session.institution.institution_id, account_indexes: [index] })
        .then(succeed)
        .catch(function (e) {
          if (!session) return;
          busy(button, false);
          showError(alert, e);
        });
    }

    function succeed(done) {
      if (!session) return;
      var accounts = done.accounts.map(function (a) {
        return { id: a.account_id, name: a.name, mask: a.mask, type: a.type, subtype: a.subtype, verification_status: null, class_type: null };
      });
      var metadata = {
        institution: { name: done.institution.name, institution_id: done.institution.institution_id },
        accounts: accounts,
        account: accounts[0] || null,
        account_id: accounts[0] ? accounts[0].id : null,
        link_session_id: session.id,
        transfer_status: null,
        wallet: null,
        public_token: done.public_token,
      };
      emit('TRANSITION_VIEW', { view_name: 'CONNECTED' });
      emit('HANDOFF');
      teardown();
      call('onSuccess', done.public_token, metadata);
    }

    /** A problem that stops the session (e.g. an invalid link token): explain it, Close exits with it. */
    function showFatal(e) {
      session.lastError = e;
      var close = el('button', { type: 'button', class: 'primary', onclick: function () { exit(); } }, ['Close']);
      render('error', 'ERROR', 'Something went wrong', [
        el('p', { class: 'lead' }, [e.display_message || e.error_message || 'Link could not start.']),
        el('p', { class: 'sub mono' }, [e.error_code || '']),
        close,
      ]);
      emit('ERROR', errorMeta(e));
    }

    /** Removes the modal and gives the page back its focus. */
    function teardown() {
      var s = session;
      if (!s) return;
      session = null;
      s.overlay.remove();
      s.inerted.forEach(function (n) { n.removeAttribute('inert'); });
      if (s.returnFocus && typeof s.returnFocus.focus === 'function' && document.contains(s.returnFocus)) s.returnFocus.focus();
    }

    /** The user (or the page) leaves Link: EXIT event, then onExit(error | null, metadata). */
    function exit() {
      if (!session) {
        wantOpen = false;
        return;
      }
      var status = exitStatus();
      var error = session.lastError;
      var metadata = {
        institution: session.institution ? { name: session.institution.name, institution_id: session.institution.institution_id } : null,
        status: status,
        link_session_id: session.id,
        request_id: (error && error.request_id) || session.requestId,
      };
      emit('EXIT', Object.assign({ exit_status: status }, error ? errorMeta(error) : {}));
      teardown();
      call('onExit', error ? { error_type: error.error_type, error_code: error.error_code, error_message: error.error_message, display_message: error.display_message || null } : null, metadata);
    }

    return {
      open: open,
      exit: function () { exit(); },
      destroy: function () {
        destroyed = true;
        wantOpen = false;
        teardown();
      },
      submit: function () {},
    };
  }

  window.Plaid = { create: create, version: 'timely-local-sandbox' };
})();
