// storywatch dashboard: the timeline chart (uPlot) and live updates (server-sent events). No framework.
'use strict';

function el(tag, attrs, children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  for (const child of children || []) node.append(child);
  return node;
}

const formats = new Map();

/** "2020-01-03 17:33 GMT+5:30" in the page's zone, as the server writes it (web/time-format.ts). */
function formatTime(iso, zone) {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(iso) ? `${iso}Z` : iso);
  if (Number.isNaN(t)) return iso;
  if (!formats.has(zone)) {
    formats.set(
      zone,
      new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        timeZoneName: 'short',
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      }),
    );
  }
  const p = Object.fromEntries(
    formats
      .get(zone)
      .formatToParts(t)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${p.timeZoneName}`;
}

/** A <time> element in the page's zone. */
function timeTag(iso) {
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(iso) ? `${iso}Z` : iso);
  const machine = /^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(t) ? iso : new Date(t).toISOString();
  return el('time', { datetime: machine }, [formatTime(iso, document.body.dataset.zone || 'UTC')]);
}

/** Publication time, else "undated · received …". */
function articleTime(m) {
  if (m.publishedAt) return el('span', { class: 'published' }, [timeTag(m.publishedAt)]);
  return el('span', { class: 'undated' }, ['undated · received ', timeTag(m.ingestedAt)]);
}

function sourceName(m) {
  if (m.url && /^https?:\/\//i.test(m.url)) return new URL(m.url).hostname.replace(/^www\./, '');
  return (m.source || '').split(/[\\/]/).pop();
}

/** An article row like the server renders it; text goes in as text, never as HTML. */
function articleItem(m) {
  const title = el('span', { class: 'title', lang: m.lang });
  if (m.url && /^https?:\/\//i.test(m.url))
    title.append(el('a', { href: m.url, rel: 'noopener noreferrer nofollow' }, [m.title]));
  else title.append(m.title);
  const titles = el('span', { class: 'titles' }, [title]);
  if (m.titleEn && m.titleEn !== m.title) titles.append(el('span', { class: 'title-en', lang: 'en' }, [m.titleEn]));
  const meta = el('span', { class: 'meta' }, [`${sourceName(m)} · `, articleTime(m), ` · score ${m.score.toFixed(2)}`]);
  return el('li', { class: 'article new', 'data-article': m.id }, [
    el('span', { class: `lang lang-${m.lang}` }, [m.lang]),
    titles,
    meta,
  ]);
}

function onMatch(m) {
  const article = `[data-article="${CSS.escape(m.id)}"]`;
  const clusters = document.getElementById('storyline-clusters');
  if (clusters && !clusters.querySelector(article)) {
    let cluster = document.getElementById(`cluster-${m.clusterId}`);
    if (!cluster) {
      const heading = el('h3', {}, [
        el('a', { href: `/clusters/${encodeURIComponent(m.clusterId)}` }, [m.clusterTitle || m.titleEn || m.title]),
        ` ${m.clusterId}`,
      ]);
      cluster = el('article', { class: 'cluster new', id: `cluster-${m.clusterId}`, 'data-cluster': m.clusterId }, [
        heading,
        el('div', { class: 'columns' }),
      ]);
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
  if (latest && !latest.querySelector(article)) {
    latest.querySelector('.empty')?.remove();
    latest.prepend(articleItem(m));
  }
  const row = document.querySelector(`tr[data-storyline="${CSS.escape(m.storylineId)}"]`);
  if (row) {
    const n = row.querySelector('[data-count="articles"]');
    n.textContent = String(Number(n.textContent) + 1);
    // The last match is the latest published one: a match of older news leaves it as it is.
    const cell = row.querySelector('[data-field="last-match"]');
    const shown = cell.querySelector(':scope > time');
    const tag = m.publishedAt && timeTag(m.publishedAt);
    if (tag && (!shown || Date.parse(shown.dateTime) < Date.parse(tag.dateTime))) cell.replaceChildren(tag);
  }
}

function live() {
  const storyline = document.body.dataset.live;
  if (storyline === undefined || !window.EventSource) return;
  // Resumes after the last match the page was rendered with, so a match stored since shows, and only once.
  const query = new URLSearchParams({
    ...(storyline ? { storyline } : {}),
    after: document.body.dataset.liveAfter || '',
  });
  const source = new EventSource(`/events?${query}`);
  const status = document.querySelector('.live-status');
  source.addEventListener('open', () => {
    if (status) status.hidden = false;
  });
  source.addEventListener('error', () => {
    if (status) status.hidden = true;
  });
  source.addEventListener('match', (e) => onMatch(JSON.parse(e.data)));
}

function timeline() {
  const node = document.getElementById('timeline');
  if (!node || !window.uPlot) return;
  const rows = JSON.parse(node.dataset.timeline || '[]');
  if (!rows.length) {
    // Undated matches are on no day: a storyline whose matches all lack a date has no timeline to draw.
    node.textContent = 'No dated matches yet.';
    node.dataset.ready = 'true';
    return;
  }
  // Every (UTC) day from the first match to the last (at most two years back), so quiet days count as zero.
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
  const chart = new window.uPlot(
    {
      width,
      height: 180,
      // Days are UTC days: the axis says so and draws them in UTC, whatever the browser's zone.
      tzDate: (ts) => window.uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      series: [
        { label: 'day (UTC)', value: (u, v) => (v == null ? '' : new Date(v * 1000).toISOString().slice(0, 10)) },
        ...langs.map((lang) => ({
          label: lang,
          stroke: colours[lang] || '#666',
          width: 1.5,
          points: { show: days.length < 120, size: 5 },
        })),
      ],
      axes: [
        {
          label: 'day of publication (UTC)',
          // Ticks on whole days (never hours: the counts are per day), labelled as dates.
          incrs: [86400, 2 * 86400, 7 * 86400, 14 * 86400, 30 * 86400, 91 * 86400, 182 * 86400, 365 * 86400],
          values: (u, ticks) => ticks.map((t) => new Date(t * 1000).toISOString().slice(0, 10)),
        },
        { label: 'matches' },
      ],
      // The span of the data (half a day more each side), not uPlot's guess, which stretches a single day over years.
      scales: {
        x: { time: true, range: () => [x[0] - 43200, x[x.length - 1] + 43200] },
        // Counts from zero, with room above the busiest day.
        y: { range: (u, min, max) => [0, Math.max(1, max) * 1.1] },
      },
    },
    [x, ...series],
    node,
  );
  // The chart follows its box when the window is resized or a phone turns.
  window.addEventListener('resize', () =>
    chart.setSize({ width: Math.min(node.parentElement.clientWidth || width, 1100), height: 180 }),
  );
  node.dataset.ready = 'true';
}

/** The zone chooser: offers the browser's own zone, and applies a choice at once. */
function zoneChooser() {
  const select = document.querySelector('[data-zone-choice]');
  if (!select) return;
  const own = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (own && ![...select.options].some((o) => o.value === own))
    select.append(el('option', { value: own }, [`${own} (this browser)`]));
  else if (own) select.querySelector(`option[value="${CSS.escape(own)}"]`).textContent = `${own} (this browser)`;
  select.addEventListener('change', () => select.form.submit());
}

document.addEventListener('DOMContentLoaded', () => {
  zoneChooser();
  timeline();
  live();
});
