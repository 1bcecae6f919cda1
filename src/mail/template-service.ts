import type { Kysely } from 'kysely';
import { AppError, type ErrorDetail } from '../errors.ts';
import type { Actor, EventLog, RequestOrigin } from '../events/event-log.ts';
import type { Clock } from '../platform/clock.ts';
import type { Realm } from '../realms/realm.ts';
import type { MessageTemplateRow, Schema } from '../storage/schema.ts';
import { isMessageType, messageTypeNames, messageTypes, variablesOf, type MessageType } from './message-types.ts';
import { renderChecked, type RenderedMessage, type TemplateSource, type Variables } from './templates.ts';

/**
 * Each realm's message templates: its own where an operator saved one, else the built-in default.
 * A template is checked when saved (it must compile and use only the type's variables), so sending
 * never meets a broken one. A message is rendered with the template current when it is sent.
 */
export interface TemplateSummary {
  type: MessageType;
  description: string;
  customized: boolean;
  updated_at: number | null;
  updated_by: string | null;
}

export interface TemplateView extends TemplateSummary, TemplateSource {
  variables: { name: string; description: string; example: string | number }[];
}

export interface PreviewInput extends Partial<TemplateSource> {
  variables?: Variables;
}

function requireType(type: string): MessageType {
  if (!isMessageType(type)) {
    throw new AppError('template.not_found', `There is no message type ${type}; the types are ${messageTypeNames.join(', ')}.`);
  }
  return type;
}

function viewOf(type: MessageType, row: MessageTemplateRow | undefined): TemplateView {
  const source = row ?? messageTypes[type].defaults;
  return {
    type,
    description: messageTypes[type].description,
    customized: row !== undefined,
    updated_at: row?.updated_at ?? null,
    updated_by: row?.updated_by ?? null,
    subject: source.subject,
    html: source.html,
    text: source.text,
    variables: variablesOf(type).map(({ name, spec }) => ({ name, description: spec.description, example: spec.example })),
  };
}

async function findRow(db: Kysely<Schema>, realmId: string, type: MessageType): Promise<MessageTemplateRow | undefined> {
  return db.selectFrom('message_templates').selectAll().where('realm_id', '=', realmId).where('type', '=', type).executeTakeFirst();
}

export function createTemplateService(deps: { db: Kysely<Schema>; clock: Clock; events: Pick<EventLog, 'record'> }) {
  const { db, clock, events } = deps;

  /** Example values, with the realm's own where it has them, overridden by those given. */
  function previewVariables(realm: Realm, type: MessageType, given: Variables): Variables {
    const known = new Set<string>(variablesOf(type).map(({ name }) => name));
    const details: ErrorDetail[] = Object.keys(given)
      .filter((name) => !known.has(name))
      .map((name) => ({ field: `variables.${name}`, issue: 'is not a variable of this message type' }));
    if (details.length > 0) throw new AppError('template.invalid', `Unknown variables: ${details.map((d) => d.field).join(', ')}.`, { details });
    return {
      realm_name: realm.name,
      realm_display_name: realm.public_info.display_name ?? realm.name,
      logo_url: realm.public_info.logo_url ?? '',
      year: new Date(clock.now()).getUTCFullYear(),
      ...given,
    };
  }

  return {
    async list(realm: Realm): Promise<TemplateSummary[]> {
      const rows = await db.selectFrom('message_templates').selectAll().where('realm_id', '=', realm.id).execute();
      return messageTypeNames.map((type) => {
        const { description, customized, updated_at, updated_by } = viewOf(type, rows.find((row) => row.type === type));
        return { type, description, customized, updated_at, updated_by };
      });
    },

    async get(realm: Realm, typeName: string): Promise<TemplateView> {
      const type = requireType(typeName);
      return viewOf(type, await findRow(db, realm.id, type));
    },

    /** Saves the realm's template for the type, after checking that each part compiles and uses only the type's variables. */
    async put(realm: Realm, typeName: string, source: TemplateSource, actor: Actor, origin: RequestOrigin): Promise<TemplateView> {
      const type = requireType(typeName);
      renderChecked(type, source);
      const row: MessageTemplateRow = { realm_id: realm.id, type, ...pick(source), updated_at: clock.now(), updated_by: actor.id };
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('message_templates')
          .values(row)
          .onConflict((oc) => oc.columns(['realm_id', 'type']).doUpdateSet({ subject: row.subject, html: row.html, text: row.text, updated_at: row.updated_at, updated_by: row.updated_by }))
          .execute();
        await events.record(trx, { realmId: realm.id, type: 'template.updated', actor, origin, details: { message_type: type } });
      });
      return viewOf(type, row);
    },

    /** Back to the built-in default; nothing to do (and no event) when the realm had none of its own. */
    async reset(realm: Realm, typeName: string, actor: Actor, origin: RequestOrigin): Promise<void> {
      const type = requireType(typeName);
      await db.transaction().execute(async (trx) => {
        const deleted = await trx.deleteFrom('message_templates').where('realm_id', '=', realm.id).where('type', '=', type).executeTakeFirst();
        if (deleted.numDeletedRows === 0n) return;
        await events.record(trx, { realmId: realm.id, type: 'template.reset', actor, origin, details: { message_type: type } });
      });
    },

    /** Renders the current template, or the unsaved parts given, with example values where none are given. */
    async preview(realm: Realm, typeName: string, input: PreviewInput): Promise<RenderedMessage> {
      const type = requireType(typeName);
      const variables = previewVariables(realm, type, input.variables ?? {});
      const current = viewOf(type, await findRow(db, realm.id, type));
      const source = { subject: input.subject ?? current.subject, html: input.html ?? current.html, text: input.text ?? current.text };
      return renderChecked(type, source, variables) as RenderedMessage;
    },

    /** The template a message of the type is sent with now (the mail worker's read). */
    async current(realmId: string, type: MessageType): Promise<TemplateSource> {
      return pick((await findRow(db, realmId, type)) ?? messageTypes[type].defaults);
    },
  };
}

/** Only the three parts (a row or a default carries more). */
function pick(source: TemplateSource): TemplateSource {
  return { subject: source.subject, html: source.html, text: source.text };
}

export type TemplateService = ReturnType<typeof createTemplateService>;
