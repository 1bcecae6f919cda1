/** Password as the first factor: the form on the choice page posts here. */
import { AppError } from '../../errors.ts';
import type { FlowService } from '../../flows/flow-service.ts';
import { formFields } from '../../http/pages/page-layout.ts';
import { originOf } from '../../http/request-origin.ts';
import { showChoices } from './choose.ts';
import type { MethodRoutes, PageKit } from './method-kit.ts';

export function passwordRoutes(deps: { flows: Pick<FlowService, 'passwordLogin'> }, kit: PageKit): MethodRoutes {
  return {
    post: {
      password: async (request, reply, step) => {
        const fields = formFields(request.body);
        const identifier = fields.get('identifier') ?? '';
        try {
          return await kit.proceed(request, reply, step, await deps.flows.passwordLogin(step.realm, { identifier, password: fields.get('password') ?? '' }, originOf(request)));
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          return showChoices(kit, request, reply, step, identifier, error);
        }
      },
    },
  };
}
