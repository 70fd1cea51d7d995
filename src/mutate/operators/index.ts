// The operator registry: every mutation operator gremlins knows, in one list, in a stable order.
// Names are the ids users write in config (`operators.include/exclude`) and in disable comments.
import type { Operator } from "../operator.ts";
import { arithmeticOperator } from "./arithmetic.ts";
import { arrayLiteralOperator } from "./array-literal.ts";
import { arrowBodyOperator } from "./arrow-body.ts";
import { assignmentOperator } from "./assignment.ts";
import { blockOperator } from "./block.ts";
import { booleanLiteralOperator } from "./boolean-literal.ts";
import { boundaryOperator } from "./boundary.ts";
import { callStatementOperator } from "./call-statement.ts";
import { conditionalOperator } from "./conditional.ts";
import { equalityOperator } from "./equality.ts";
import { logicalOperator } from "./logical.ts";
import { methodOperator } from "./method.ts";
import { objectLiteralOperator } from "./object-literal.ts";
import { optionalChainingOperator } from "./optional-chaining.ts";
import { regexOperator } from "./regex.ts";
import { returnValueOperator } from "./return-value.ts";
import { stringLiteralOperator } from "./string-literal.ts";
import { unaryOperator } from "./unary.ts";
import { updateOperator } from "./update.ts";

export const OPERATORS: readonly Operator[] = [
  arithmeticOperator,
  equalityOperator,
  logicalOperator,
  assignmentOperator,
  unaryOperator,
  updateOperator,
  booleanLiteralOperator,
  conditionalOperator,
  blockOperator,
  callStatementOperator,
  arrayLiteralOperator,
  objectLiteralOperator,
  stringLiteralOperator,
  optionalChainingOperator,
  methodOperator,
  arrowBodyOperator,
  regexOperator,
  boundaryOperator,
  returnValueOperator,
];

export const OPERATOR_NAMES: readonly string[] = OPERATORS.map((operator) => operator.name);

export {
  arithmeticOperator,
  arrayLiteralOperator,
  arrowBodyOperator,
  assignmentOperator,
  blockOperator,
  booleanLiteralOperator,
  boundaryOperator,
  callStatementOperator,
  conditionalOperator,
  equalityOperator,
  logicalOperator,
  methodOperator,
  objectLiteralOperator,
  optionalChainingOperator,
  regexOperator,
  returnValueOperator,
  stringLiteralOperator,
  unaryOperator,
  updateOperator,
};
