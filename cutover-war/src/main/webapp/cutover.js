// The admin page: credentials live in sessionStorage and go as HTTP Basic with every API call, so the page needs
// no container login. Flows refresh every 2 s; a rollback asks for a reason inline and shows the API's answer.
(function () {
  'use strict';
  const API = 'api';
  const REFRESH_MS = 2000;
  const $ = (id) => document.getElementById(id);
  let timer = null;

  function credentials() {
    const user = sessionStorage.getItem('cutover.user');
    const password = sessionStorage.getItem('cutover.password');
    return user === null ? null : { user, password };
  }

  function headers(accept) {
    const who = credentials();
    // X-Requested-With: the server then renames its Basic challenge, so the browser shows no login dialog of its own
    return { 'Accept': accept, 'X-Requested-With': 'cutover-page',
      'Authorization': 'Basic ' + btoa(unescape(encodeURIComponent(who.user + ':' + who.password))) };
  }

  async function call(method, path, body) {
    const sent = headers('application/json');
    if (body !== undefined) {
      sent['Content-Type'] = 'application/json';
    }
    const response = await fetch(API + path, { method, headers: sent, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
    if (!response.ok) {
      const detail = json && json.detail ? json.detail : text || response.statusText;
      const error = new Error(response.status + ' ' + (json && json.title ? json.title : response.statusText) + ': ' + detail);
      error.status = response.status;
      throw error;
    }
    return json;
  }

  function percent(rate, compared) {
    return compared === 0 ? '—' : (rate * 100).toFixed(2) + ' %';
  }

  function gateText(gate) {
    if (gate === null || gate === undefined) {
      return { text: 'no plan', css: '' };
    }
    if (gate.passed) {
      return { text: 'passed', css: 'gate-passed' };
    }
    const failing = gate.checks.filter((c) => !c.passed)
      .map((c) => c.name + ' requires ' + c.required + ', observed ' + c.observed);
    return { text: 'refused: ' + failing.join('; '), css: 'gate-failed' };
  }

  function row(flow) {
    const tr = document.createElement('tr');
    tr.dataset.flow = flow.flow;
    const gate = gateText(flow.gate);
    tr.innerHTML = '<td class="name"></td><td class="stage"></td><td class="gate"></td><td class="compared"></td>'
      + '<td class="match-rate"></td><td class="actions"><button type="button" class="rollback-open">Roll back</button>'
      + '<form class="rollback" hidden><input class="reason" placeholder="Why roll back?" required>'
      + '<button type="submit" class="rollback-confirm">Roll back to LEGACY</button>'
      + '<button type="button" class="rollback-cancel">Cancel</button></form>'
      + '<p class="outcome" role="status"></p></td>';
    fill(tr, flow, gate);
    tr.querySelector('.rollback-open').addEventListener('click', () => {
      tr.querySelector('form.rollback').hidden = false;
      tr.querySelector('.reason').focus();
    });
    tr.querySelector('.rollback-cancel').addEventListener('click', () => {
      tr.querySelector('form.rollback').hidden = true;
    });
    tr.querySelector('form.rollback').addEventListener('submit', async (event) => {
      event.preventDefault();
      const outcome = tr.querySelector('.outcome');
      const reason = tr.querySelector('.reason').value.trim();
      outcome.className = 'outcome';
      try {
        const change = await call('POST', '/flows/' + encodeURIComponent(flow.flow) + '/rollback', { reason });
        outcome.textContent = 'rolled back ' + change.from + ' → ' + change.to + ' by ' + change.actor;
        outcome.classList.add('result');
        tr.querySelector('form.rollback').hidden = true;
        refresh();
      } catch (e) {
        outcome.textContent = e.message;
        outcome.classList.add('error');
      }
    });
    return tr;
  }

  function fill(tr, flow, gate) {
    tr.querySelector('.name').textContent = flow.flow;
    tr.querySelector('.stage').textContent = flow.stage;
    const gateCell = tr.querySelector('.gate');
    gateCell.textContent = gate.text;
    gateCell.className = 'gate ' + gate.css;
    tr.querySelector('.compared').textContent = String(flow.compared);
    tr.querySelector('.match-rate').textContent = percent(flow.matchRate, flow.compared);
  }

  async function refresh() {
    try {
      const flows = await call('GET', '/flows');
      const body = $('flows').querySelector('tbody');
      const rows = new Map([...body.querySelectorAll('tr')].map((tr) => [tr.dataset.flow, tr]));
      for (const flow of flows) {
        const existing = rows.get(flow.flow);
        if (existing) {
          fill(existing, flow, gateText(flow.gate)); // keeps an open rollback form and its typed reason
          rows.delete(flow.flow);
        } else {
          body.appendChild(row(flow));
        }
      }
      rows.forEach((tr) => tr.remove());
      $('flows-error').textContent = '';
    } catch (e) {
      $('flows-error').textContent = e.message;
      if (e.status === 401) {
        logout('Wrong user or password.');
      }
    }
  }

  function show(loggedIn) {
    $('login').hidden = loggedIn;
    $('console').hidden = !loggedIn;
    $('logout').hidden = !loggedIn;
    $('who').textContent = loggedIn ? 'signed in as ' + credentials().user : '';
  }

  function start() {
    show(true);
    refresh();
    timer = setInterval(refresh, REFRESH_MS);
  }

  function logout(message) {
    sessionStorage.removeItem('cutover.user');
    sessionStorage.removeItem('cutover.password');
    clearInterval(timer);
    $('flows').querySelector('tbody').replaceChildren();
    show(false);
    $('login-error').textContent = message || '';
  }

  $('login').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem('cutover.user', $('user').value);
    sessionStorage.setItem('cutover.password', $('password').value);
    $('password').value = '';
    $('login-error').textContent = '';
    start();
  });
  $('logout').addEventListener('click', () => logout());

  // The report needs the credentials too, so it is fetched here and opened from memory in a new tab.
  async function openReport(event, path, type) {
    event.preventDefault();
    const tab = window.open('', '_blank');
    try {
      const response = await fetch(API + path, { headers: headers(type) });
      if (!response.ok) {
        throw new Error(response.status + ' ' + response.statusText);
      }
      const report = new Blob([await response.text()], { type: type + ';charset=utf-8' });
      tab.location.href = URL.createObjectURL(report);
      $('reports-error').textContent = '';
    } catch (e) {
      tab.close();
      $('reports-error').textContent = 'the report could not be built: ' + e.message;
    }
  }
  $('report-html').addEventListener('click', (event) => openReport(event, '/report/html', 'text/html'));
  $('report-json').addEventListener('click', (event) => openReport(event, '/report', 'application/json'));

  if (credentials() !== null) {
    start();
  } else {
    show(false);
  }
})();
