import type Handlebars from 'handlebars';
import { AppError, type ErrorDetail } from '../errors.ts';
import { once, requirePackage } from '../platform/lazy.ts';
import { channelOf, exampleVariables, messageTypes, type MessageType } from './message-types.ts';
import { makeRoom } from '../platform/lru-cache.ts';
import { templateShapeProblem } from './template-shape.ts';

/**
 * Renders message templates with Handlebars. Templates are strict: a variable the type does not
 * have is an error, found when the template is saved (it is rendered then with example values).
 * A template holds `{{variable}}` and `if`/`unless` blocks only (src/mail/template-shape.ts): no
 * helpers, partials or decorators, which nested cost exponential time (found by review: nested
 * `{{#each @root}}`, then inline partials, held the server's one event loop for every realm).
 * The HTML part is escaped; the subject and text part are not HTML, so they are not.
 */
export type TemplatePart = 'subject' | 'html' | 'text';

export const templateParts: readonly TemplatePart[] = ['subject', 'html', 'text'];

export interface TemplateSource {
  subject: string;
  html: string;
  text: string;
}

export type RenderedMessage = TemplateSource;

export type Variables = Record<string, string | number>;

/**
 * The subject in characters; the bodies in bytes of UTF-8. An SMS is its text part alone, sent as
 * it is: at most 320 characters of template (two to five SMS segments with the values filled in),
 * not 100 KB billed as dozens of segments to any number (found by review).
 */
export const templateLimits = { subjectLength: 300, bodyBytes: 100 * 1024, smsTextLength: 320 };

// An environment of our own: nothing registered elsewhere leaks in, and `log` (which writes to the
// server's console) is not offered. Loaded by the first template rendered, not at start.
const handlebars = once(() => requirePackage<typeof Handlebars>('handlebars').create());
// The helpers are refused by shape too (template-shape.ts); here as a second fence.
const compileOptions = { strict: true, knownHelpersOnly: true, knownHelpers: { log: false, each: false, with: false, lookup: false } } as const;

// Handlebars compiles on first use, so syntax errors surface when the template is rendered.
const compile = (part: TemplatePart, source: string) => handlebars().compile<Variables>(source, { ...compileOptions, noEscape: part !== 'html' });

/**
 * Compiled templates for sending, by part and source: a realm's saved templates (and the defaults)
 * are rendered for every message. Checks and previews, with sources anyone may send, are not kept.
 */
const compiledForSending = new Map<string, HandlebarsTemplateDelegate<Variables>>();
const COMPILED_MAX = 200;

function compiledForSend(part: TemplatePart, source: string): HandlebarsTemplateDelegate<Variables> {
  const key = `${part}\u0000${source}`;
  let template = compiledForSending.get(key);
  if (!template) {
    // A template saved before its shape was checked is not run: renderOrDefault sends the default.
    const problem = templateShapeProblem(handlebars(), source);
    if (problem) throw new Error(problem);
    template = compile(part, source);
    makeRoom(compiledForSending, COMPILED_MAX);
    compiledForSending.set(key, template);
  }
  return template;
}

function renderPart(part: TemplatePart, template: HandlebarsTemplateDelegate<Variables>, variables: Variables): string {
  const output = template(variables);
  // A line break in a subject would start a new mail header.
  return part === 'subject' ? output.replace(/[\r\n]+/g, ' ').trim() : output;
}

/** Renders all three parts; throws what Handlebars throws (a fault at send time: templates were checked when saved). */
export function render(source: TemplateSource, variables: Variables): RenderedMessage {
  return {
    subject: renderPart('subject', compiledForSend('subject', source.subject), variables),
    html: renderPart('html', compiledForSend('html', source.html), variables),
    text: renderPart('text', compiledForSend('text', source.text), variables),
  };
}

/**
 * Renders a realm's template, or the type's default when the realm's no longer renders: one saved
 * under older, looser rules (with `each`, say) must not stop the messages of its type being sent.
 */
export function renderOrDefault(type: MessageType, source: TemplateSource, variables: Variables, onFallback: (error: unknown) => void): RenderedMessage {
  try {
    // An SMS template saved before its length was bounded is not sent as dozens of segments.
    const tooLong = limitIssue(type, 'text', source.text);
    if (tooLong) throw new Error(`text ${tooLong}`);
    return render(source, variables);
  } catch (error) {
    onFallback(error);
    return render(messageTypes[type].defaults, variables);
  }
}

/** Handlebars' wording, with "[object Object]" replaced by what it means for a template. */
function explain(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const missing = /^"([^"]+)" not defined in .* - (\d+):(\d+)$/s.exec(message);
  if (missing) return `{{${missing[1]}}} is not a variable of this message type (line ${missing[2]}, column ${Number(missing[3]) + 1})`;
  return message;
}

function limitIssue(type: MessageType, part: TemplatePart, source: string): string | undefined {
  if (part === 'text' && channelOf(type) === 'sms') {
    return source.length > templateLimits.smsTextLength ? `must be at most ${templateLimits.smsTextLength} characters (an SMS)` : undefined;
  }
  if (part === 'subject') {
    return source.length > templateLimits.subjectLength ? `must be at most ${templateLimits.subjectLength} characters` : undefined;
  }
  return Buffer.byteLength(source, 'utf8') > templateLimits.bodyBytes ? `must be at most ${templateLimits.bodyBytes} bytes` : undefined;
}

/**
 * Renders the given parts with `variables` (example values for the type where absent) and returns
 * the result, or throws 400 `template.invalid` naming each part that is too long, does not compile
 * or uses a variable the type does not have.
 */
export function renderChecked(type: MessageType, source: Partial<TemplateSource>, variables: Variables = {}): Partial<RenderedMessage> {
  const values = { ...exampleVariables(type), ...variables };
  const details: ErrorDetail[] = [];
  const rendered: Partial<RenderedMessage> = {};
  for (const part of templateParts) {
    const text = source[part];
    if (text === undefined) continue;
    const issue = limitIssue(type, part, text) ?? templateShapeProblem(handlebars(), text);
    if (issue) {
      details.push({ field: part, issue });
      continue;
    }
    try {
      rendered[part] = renderPart(part, compile(part, text), values);
    } catch (error) {
      details.push({ field: part, issue: explain(error) });
    }
  }
  if (details.length > 0) {
    throw new AppError('template.invalid', `The template is invalid: ${details.map((d) => `${d.field}: ${d.issue}`).join('; ')}`, { details });
  }
  return rendered;
}
