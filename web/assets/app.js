// storywatch dashboard: the timeline chart (uPlot) and live updates (server-sent events). No framework.
'use strict';

function el(tag, attrs, children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  for (const child of children || []) node.append(child);
  return node;
}

function when(iso) {
  if (!iso) return '';
  return iso.length <= 10 ? iso : iso.slice(0, 16).replace('T', ' ');
}

function sourceName(m) {
  if (m.url && /^https?:\/\//i.test(m.url)) return new URL(m.url).hostname.replace(/^www\./, '');
  return (m.source || '').split(/[\\/]/).pop();
}

/** An article row like the server renders it; text goes in as text, never as HTML. */
function articleItem(m) {
  const title = el('span', { class: 'title', lang: m.lang });
  if (m.url && /^https?:\/\//i.test(m.url)) title.append(el('a', { href: m.url, rel: 'noopener noreferrer nofollow' }, [m.title]));
  else title.append(m.title);
  const titles = el('span', { class: 'titles' }, [title]);
  if (m.titleEn && m.titleEn !== m.title) titles.append(el('span', { class: 'title-en', lang: 'en' }, [m.titleEn]));
  const meta = el('span', { class: 'meta' }, [`${sourceName(m)} · ${when(m.publishedAt || m.ingestedAt)} · score ${m.score.toFixed(2)}`]);
  return el('li', { class: 'article new', 'data-article': m.id }, [el('span', { class: `lang lang-${m.lang}` }, [m.lang]), titles, meta]);
}

function onMatch(m) {
  if (document.querySelector(`[data-article="${CSS.escape(m.id)}"]`)) return;
  const clusters = document.getElementById('storyline-clusters');
  if (clusters) {
    let cluster = document.getElementById(`cluster-${m.clusterId}`);
    if (!cluster) {
      const heading = el('h3', {}, [el('a', { href: `/clusters/${encodeURIComponent(m.clusterId)}` }, [m.clusterTitle || m.titleEn || m.title]), ` ${m.clusterId}`]);
      cluster = el('article', { class: 'cluster new', id: `cluster-${m.clusterId}`, 'data-cluster': m.clusterId }, [heading, el('div', { class: 'columns' })]);
      clusters.prepend(cluster);
    } else {
      clusters.prepend(cluster);
    }
    const columns = cluster.querySelector('.columns');
    let list = columns.querySelector(`ul[data-lang="${CSS.escape(m.lang)}"]`);
    if (!list) list = columns.appendChild(el('ul', { class: 'articles', 'data-lang': m.lang }));
    list.prepend(articleItem(m));
    const count = document.querySelector('[data-count="articles"]');
    if (count) count.textContent = String(Number(count.textContent) + 1);
  }
  const latest = document.getElementById('live-matches');
  if (latest) {
    latest.querySelector('.empty')?.remove();
    latest.prepend(articleItem(m));
    const row = document.querySelector(`tr[data-storyline="${CSS.escape(m.storylineId)}"]`);
    if (row) {
      const n = row.querySelector('[data-count="articles"]');
      n.textContent = String(Number(n.textContent) + 1);
      row.querySelector('[data-field="last-match"]').textContent = when(m.matchedAt);
    }
  }
}

function live() {
  const storyline = document.body.dataset.live;
  if (storyline === undefined || !window.EventSource) return;
  const source = new EventSource(storyline ? `/events?storyline=${encodeURIComponent(storyline)}` : '/events');
  const status = document.querySelector('.live-status');
  source.addEventListener('open', () => { if (status) status.hidden = false; });
  source.addEventListener('error', () => { if (status) status.hidden = true; });
  source.addEventListener('match', (e) => onMatch(JSON.parse(e.data)));
}

function timeline() {
  const node = document.getElementById('timeline');
  if (!node || !window.uPlot) return;
  const rows = JSON.parse(node.dataset.timeline || '[]');
  if (!rows.length) {
    node.textContent = 'No matches yet.';
    return;
  }
  // Every day from the first match to the last (at most two years back), so quiet days count as zero.
  const present = [...new Set(rows.map((r) => r.day))].sort();
  const DAY = 86400000;
  const end = Date.parse(`${present[present.length - 1]}T00:00:00Z`);
  const start = Math.max(Date.parse(`${present[0]}T00:00:00Z`), end - 730 * DAY);
  const days = [];
  for (let t = start; t <= end; t += DAY) days.push(new Date(t).toISOString().slice(0, 10));
  const langs = [...new Set(rows.map((r) => r.lang))].sort();
  const index = new Map(days.map((d, i) => [d, i]));
  const series = langs.map((lang) => {
    const values = days.map(() => 0);
    for (const r of rows) if (r.lang === lang && index.has(r.day)) values[index.get(r.day)] = r.count;
    return values;
  });
  const colours = { en: '#1f6feb', hi: '#d9730d', ur: '#2e7d32' };
  const x = days.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000);
  const width = Math.min(node.parentElement.clientWidth || 800, 1100);
  const chart = new window.uPlot({
    width, height: 180,
    series: [{}, ...langs.map((lang) => ({ label: lang, stroke: colours[lang] || '#666', width: 1.5, points: { show: days.length < 120, size: 5 } }))],
    axes: [{}, { label: 'matches' }],
    scales: { x: { time: true } },
  }, [x, ...series], node);
  // The chart follows its box when the window is resized or a phone turns.
  window.addEventListener('resize', () => chart.setSize({ width: Math.min(node.parentElement.clientWidth || width, 1100), height: 180 }));
  node.dataset.ready = 'true';
}

document.addEventListener('DOMContentLoaded', () => {
  timeline();
  live();
});
