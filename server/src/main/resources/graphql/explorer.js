// The GraphQL explorer: posts the query to /graphql as {query, variables} and shows the JSON answer
// as it is. The query is kept in the URL (?query=) so that a link reproduces it; an API key typed
// here is kept in sessionStorage under the web UI's name, so a key entered in either is used by both.
'use strict';

const KEY_STORAGE = 'sightline.apiKey';
const EXAMPLE = `# Traces of the last hour, newest first; see the schema below for everything else.
query Recent($first: Int = 5) {
  services
  traces(first: $first) {
    edges { node { traceId rootService rootName durationNanos spanCount errorCount } }
    pageInfo { hasNextPage endCursor }
  }
}
`;

function byId(id) {
  return document.getElementById(id);
}

async function run() {
  const status = byId('status');
  const result = byId('result');
  let variables = {};
  const rawVariables = byId('variables').value.trim();
  if (rawVariables) {
    try {
      variables = JSON.parse(rawVariables);
    } catch (e) {
      status.textContent = 'The variables are not JSON: ' + e.message;
      status.className = 'error';
      return;
    }
  }
  const query = byId('query').value;
  const url = new URL(window.location.href);
  url.pathname = '/graphql/explorer'; // GET /graphql?query= runs the query instead of showing this page
  url.searchParams.set('query', query);
  window.history.replaceState(null, '', url);
  const key = byId('key').value.trim();
  if (key) sessionStorage.setItem(KEY_STORAGE, key);
  else sessionStorage.removeItem(KEY_STORAGE);
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (key) headers.Authorization = 'Bearer ' + key;
  status.textContent = 'Running…';
  status.className = '';
  const started = performance.now();
  try {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers,
      credentials: 'same-origin',
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    let shown = text;
    let hasErrors = !response.ok;
    try {
      const json = JSON.parse(text);
      shown = JSON.stringify(json, null, 2);
      hasErrors = hasErrors || Array.isArray(json.errors);
    } catch (e) {
      // not JSON: shown as it came
    }
    result.textContent = shown;
    status.textContent = 'HTTP ' + response.status + (hasErrors ? ' with errors' : '') + ' in '
      + Math.round(performance.now() - started) + ' ms';
    status.className = hasErrors ? 'error' : '';
  } catch (e) {
    status.textContent = 'The request failed: ' + e.message;
    status.className = 'error';
  }
}

async function loadSchema() {
  const schema = byId('schema');
  try {
    const response = await fetch('/graphql/explorer/sightline.graphqls');
    schema.textContent = response.ok ? await response.text() : 'The schema could not be loaded: HTTP ' + response.status;
  } catch (e) {
    schema.textContent = 'The schema could not be loaded: ' + e.message;
  }
}

function start() {
  const fromUrl = new URL(window.location.href).searchParams.get('query');
  byId('query').value = fromUrl || EXAMPLE;
  byId('key').value = sessionStorage.getItem(KEY_STORAGE) || '';
  byId('run').addEventListener('click', run);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      run();
    }
  });
  loadSchema();
}

start();
