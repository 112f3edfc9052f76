// The dashboard's forms: creating and editing storylines, and the webhooks page.
import { html } from 'hono/html';
import type { StorylineConfig } from '../../config/schema.js';
import type { DeliveryRecord, StoredWebhook } from '../../store/alert-store.js';
import { maskSecret } from '../../store/alert-store.js';
import { describeEvent } from '../../pipeline/alerts/alert-events.js';
import { when } from './components.js';
import type { View } from './layout.js';

const errorList = (errors: string[]) =>
  errors.length ? html`<ul class="errors">${errors.map((e) => html`<li>${e}</li>`)}</ul>` : '';

/** Create or edit a storyline: keywords and examples one per line, in any language. */
export function storylineForm(
  s: Partial<StorylineConfig> | undefined,
  token: string,
  errors: string[] = [],
  editing = false,
): View {
  const hidden = html`<input type="hidden" name="_token" value="${token}">`;
  const action = editing ? `/storylines/${s?.id}/edit` : '/storylines/new';
  return html`${errorList(errors)}
<form class="edit" method="post" action="${action}">${hidden}
  <label>id <input name="id" value="${s?.id ?? ''}" ${editing ? 'readonly' : ''} required pattern="[a-z0-9][a-z0-9-]*" placeholder="lowercase-with-dashes"></label>
  <label>name <input name="name" value="${s?.name ?? ''}" required></label>
  <label>description <textarea name="description" rows="2">${s?.description ?? ''}</textarea></label>
  <label>keywords (one per line, any language) <textarea name="keywords" rows="4">${(s?.keywords ?? []).join('\n')}</textarea></label>
  <label>examples (one per line) <textarea name="examples" rows="4">${(s?.examples ?? []).join('\n')}</textarea></label>
  <label>threshold <input name="threshold" type="number" min="0" max="1" step="0.01" value="${s?.threshold ?? 0.5}"></label>
  <button>${editing ? 'Save' : 'Create'}</button>
</form>
${editing ? html`<form method="post" action="/storylines/${s?.id}/delete" class="danger">${hidden}<button>Delete this storyline</button></form>` : ''}`;
}

/** Webhooks: subscriptions (secrets masked), a form to add one, and recent deliveries with replay. */
export function webhooksPage(
  hooks: StoredWebhook[],
  deliveries: DeliveryRecord[],
  token: string,
  errors: string[] = [],
  newSecret?: string,
): View {
  const hidden = html`<input type="hidden" name="_token" value="${token}">`;
  return html`${errorList(errors)}
${newSecret ? html`<p class="notice">Signing secret of the new webhook, shown only this once: <code class="secret">${newSecret}</code></p>` : ''}
<table class="webhooks"><thead><tr><th>id</th><th>url</th><th>storylines</th><th>events</th><th>digest</th><th>secret</th><th>from</th><th></th></tr></thead>
<tbody>${hooks.map(
    (
      w,
    ) => html`<tr><td>${w.id}</td><td>${w.url}</td><td>${w.storylines.join(', ') || 'all'}</td><td>${w.events.join(', ')}</td>
<td>${w.digestMinutes ? `${w.digestMinutes} min` : ''}</td><td><code>${maskSecret(w.secret)}</code></td><td>${w.source}</td>
<td>${w.source === 'config' ? '' : html`<a href="/webhooks/${w.id}/edit">edit</a> <form method="post" action="/webhooks/${w.id}/delete">${hidden}<button>Remove</button></form>`}</td></tr>`,
  )}</tbody></table>
<h2>Add a webhook</h2>
${webhookFields('/webhooks', hidden, undefined)}
<h2>Recent deliveries</h2>
<table class="deliveries"><thead><tr><th>created</th><th>endpoint</th><th>event</th><th>about</th><th>status</th><th>tries</th><th>last error</th><th></th></tr></thead>
<tbody>${deliveries.map(
    (
      d,
    ) => html`<tr class="${d.status}"><td>${when(d.createdAt)}</td><td>${d.endpoint}</td><td>${d.type}</td><td>${describeEvent(d).subject}</td>
<td>${d.status}</td><td class="num">${d.attempts}</td><td>${d.lastError ?? ''}</td>
<td>${d.status === 'failed' ? html`<form method="post" action="/deliveries/${d.id}/retry">${hidden}<button>Replay</button></form>` : ''}</td></tr>`,
  )}</tbody></table>`;
}

/** The fields of a webhook; editing keeps its URL (its identity) and its secret. */
function webhookFields(action: string, hidden: View, w: StoredWebhook | undefined): View {
  return html`<form class="edit" method="post" action="${action}">${hidden}
  <label>url <input name="url" type="url" required placeholder="https://example.org/hooks/storywatch" value="${w?.url ?? ''}" ${w ? 'readonly' : ''}></label>
  <label>storylines (ids, comma-separated; empty: all) <input name="storylines" value="${w?.storylines.join(', ') ?? ''}"></label>
  <label><input type="checkbox" name="cluster_created" value="1" ${w?.events.includes('cluster.created') ? 'checked' : ''}> also cluster.created</label>
  <label><input type="checkbox" name="backfill" value="1" ${w?.backfill ? 'checked' : ''}> also matches a back-fill finds among stored articles</label>
  <label>minimum score <input name="minScore" type="number" min="0" max="1" step="0.01" value="${w?.minScore ?? 0}"></label>
  <label>digest every (minutes; empty: one event each) <input name="digestMinutes" type="number" min="1" value="${w?.digestMinutes ?? ''}"></label>
  <button>${w ? 'Save' : 'Add'}</button>
</form>`;
}

/** Edit a webhook made through the dashboard, the API or the CLI. */
export function webhookEditForm(w: StoredWebhook, token: string, errors: string[] = []): View {
  const hidden = html`<input type="hidden" name="_token" value="${token}">`;
  return html`${errorList(errors)}<p class="meta">${w.id} · secret <code>${maskSecret(w.secret)}</code> (kept)</p>${webhookFields(`/webhooks/${w.id}/edit`, hidden, w)}`;
}
