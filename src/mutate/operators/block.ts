// Block statement: empties the contents of a non-empty block (`{ a(); b(); }` → `{}`).
import type { Node, Operator, OperatorContext } from "../operator.ts";
import { statementMutation } from "./_syntax.ts";

/** A constructor body in a class with `extends`: emptying it would drop the required super() call. */
function isDerivedConstructorBody(ctx: OperatorContext): boolean {
  const n = ctx.ancestors.length;
  const fn = ctx.ancestors[n - 1];
  const method = ctx.ancestors[n - 2];
  const classNode = ctx.ancestors[n - 4];
  if (fn?.type !== "FunctionExpression" || method?.type !== "MethodDefinition" || method.kind !== "constructor")
    return false;
  return (
    (classNode?.type === "ClassDeclaration" || classNode?.type === "ClassExpression") && classNode.superClass != null
  );
}

const FUNCTIONS = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"]);

/** `function f() { return; }`: emptying the body changes nothing. */
function isBareReturnBody(body: Node[], ctx: OperatorContext): boolean {
  const owner = ctx.ancestors[ctx.ancestors.length - 1];
  if (!owner || !FUNCTIONS.has(owner.type)) return false;
  return body.every((s) => s.type === "EmptyStatement" || (s.type === "ReturnStatement" && s.argument === null));
}

function isDirective(statement: Node): boolean {
  return statement.type === "ExpressionStatement" && typeof statement.directive === "string";
}

export const blockOperator: Operator = {
  name: "block",
  nodeTypes: ["BlockStatement"],
  description: "Empties non-empty blocks",
  mutate(node, ctx) {
    if (node.type !== "BlockStatement") return [];
    const body = node.body as Node[];
    if (body.every((statement) => statement.type === "EmptyStatement")) return [];
    if (isDirective(body[0])) return [];
    if (isDerivedConstructorBody(ctx) || isBareReturnBody(body, ctx)) return [];
    if (ctx.source[node.start] !== "{" || ctx.source[node.end - 1] !== "}") return [];
    return [statementMutation(node.start + 1, node.end - 1, "", "Emptied block")];
  },
};
