/** English, the catalogue every other language follows; one file per area of the console. */
import { common } from './common.ts';
import { realms } from './realms.ts';
import { users } from './users.ts';
import { events } from './events.ts';
import { messages } from './messages.ts';
import { operators } from './operators.ts';
import { applications } from './applications.ts';
import { access } from './access.ts';
import { integrations } from './integrations.ts';

export const en = { ...common, ...realms, ...users, ...events, ...messages, ...operators, ...applications, ...access, ...integrations };
