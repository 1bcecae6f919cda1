import type Handlebars from 'handlebars';

type Node = hbs.AST.Node;

const ALLOWED_BLOCKS = new Set(['if', 'unless']);

/**
 * Why a template's shape is refused, or undefined. A template may hold text, comments,
 * `{{variable}}` and `{{#if variable}}`/`{{#unless variable}}` blocks (with `{{else}}`), nothing
 * else: partials (also inline ones, `{{#*inline}}`, which the helper settings do not stop),
 * decorators, sub-expressions and helpers with arguments could nest calls exponentially — a few
 * hundred characters held the server's one event loop, for every realm (found by review). A
 * template that does not parse is left to the compiler, which says where.
 */
export function templateShapeProblem(handlebars: typeof Handlebars, source: string): string | undefined {
  let program: hbs.AST.Program;
  try {
    program = handlebars.parse(source);
  } catch {
    return undefined;
  }
  return programProblem(program);
}

function programProblem(program: hbs.AST.Program | undefined): string | undefined {
  for (const statement of program?.body ?? []) {
    const problem = statementProblem(statement);
    if (problem) return problem;
  }
  return undefined;
}

const where = (node: Node) => `line ${node.loc.start.line}, column ${node.loc.start.column + 1}`;
const isPlainPath = (node: hbs.AST.Expression) => node.type === 'PathExpression';

function statementProblem(node: Node): string | undefined {
  switch (node.type) {
    case 'ContentStatement':
    case 'CommentStatement':
      return undefined;
    case 'MustacheStatement': {
      const mustache = node as hbs.AST.MustacheStatement;
      if (isPlainPath(mustache.path) && mustache.params.length === 0 && !mustache.hash) return undefined;
      return `only {{variable}} may be written between braces, with nothing after the name (${where(node)})`;
    }
    case 'BlockStatement': {
      const block = node as hbs.AST.BlockStatement;
      const name = (block.path as hbs.AST.PathExpression).original;
      const plain = isPlainPath(block.path) && ALLOWED_BLOCKS.has(name) && block.params.length === 1 && isPlainPath(block.params[0]) && !block.hash;
      if (!plain || (block.program as { blockParams?: string[] }).blockParams) return `only {{#if variable}} and {{#unless variable}} blocks are allowed (${where(node)})`;
      return programProblem(block.program) ?? programProblem(block.inverse);
    }
    default:
      return `partials, decorators and other helpers are not allowed, only {{variable}}, {{#if variable}} and {{#unless variable}} (${where(node)})`;
  }
}
