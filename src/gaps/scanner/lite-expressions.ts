import type TsNs from 'typescript';
import type { EsNode } from './ts-url.js';
import { leaf, type LiteConverter, type On, type Ts } from './lite-converter.js';

// JSX tag names are a few node kinds read field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyNode = any;

/** Conversions of class members, parameters, patterns, expressions and JSX (see `liteProgram`). */
export function addExpressionConverters(ts: Ts, on: On): void {
  const K = ts.SyntaxKind;
  // Class members
  on([K.PropertyDeclaration], (c, node) => {
    const abstract = c.has(node, K.AbstractKeyword);
    const accessor = c.has(node, K.AccessorKeyword);
    const type = accessor
      ? abstract
        ? 'TSAbstractAccessorProperty'
        : 'AccessorProperty'
      : abstract
        ? 'TSAbstractPropertyDefinition'
        : 'PropertyDefinition';
    return {
      type,
      $n: node,
      computed: node.name.kind === K.ComputedPropertyName,
      decorators: c.decorators(node),
      key: c.one(node.name, node),
      value: abstract ? null : c.one(node.initializer, node),
    };
  });
  on([K.MethodDeclaration, K.GetAccessor, K.SetAccessor], (c, node, parent) => {
    if (node.kind !== K.MethodDeclaration && (parent.kind === K.InterfaceDeclaration || parent.kind === K.TypeLiteral))
      return { type: 'TSMethodSignature', $n: node };
    const kind = node.kind === K.GetAccessor ? 'get' : node.kind === K.SetAccessor ? 'set' : null;
    if (parent.kind === K.ObjectLiteralExpression)
      return {
        type: 'Property',
        $n: node,
        computed: node.name.kind === K.ComputedPropertyName,
        key: c.one(node.name, node),
        kind: kind ?? 'init',
        method: !kind,
        shorthand: false,
        value: c.method(node, false),
      };
    const isStatic = c.has(node, K.StaticKeyword);
    const result: EsNode = {
      type: c.has(node, K.AbstractKeyword) ? 'TSAbstractMethodDefinition' : 'MethodDefinition',
      $n: node,
      computed: node.name.kind === K.ComputedPropertyName,
      decorators: c.decorators(node),
      key: c.one(node.name, node),
      value: c.method(node, true),
      kind: kind ?? (!isStatic && node.name.kind === K.StringLiteral && node.name.text === 'constructor' ? 'constructor' : 'method'),
    };
    return result;
  });
  on([K.Constructor], (c, node) => ({
    type: c.has(node, K.AbstractKeyword) ? 'TSAbstractMethodDefinition' : 'MethodDefinition',
    $n: node,
    computed: false,
    decorators: [],
    key: { type: 'Identifier', $n: node, name: 'constructor' },
    value: c.method(node, true),
    kind: c.has(node, K.StaticKeyword) ? 'method' : 'constructor',
  }));
  on([K.ClassStaticBlockDeclaration], (c, node) => ({ type: 'StaticBlock', $n: node, body: c.body(node.body.statements, node) }));
  on([K.IndexSignature], (c, node) => ({ type: 'TSIndexSignature', $n: node, parameters: c.list(node.parameters, node) }));
  on([K.Decorator], (c, node) => ({ type: 'Decorator', $n: node, expression: c.one(node.expression, node) }));

  // Parameters and patterns
  on([K.Parameter], (c, node) => {
    const name = c.one(node.name, node) as EsNode;
    const result: EsNode = node.dotDotDotToken
      ? { type: 'RestElement', $n: node, argument: name, decorators: [] }
      : node.initializer
        ? { type: 'AssignmentPattern', $n: node, decorators: [], left: name, right: c.one(node.initializer, node) }
        : name;
    return ts.getModifiers(node)?.length ? { type: 'TSParameterProperty', $n: node, decorators: [], parameter: result } : result;
  });
  on([K.ObjectBindingPattern], (c, node) => ({ type: 'ObjectPattern', $n: node, decorators: [], properties: c.list(node.elements, node) }));
  on([K.ArrayBindingPattern], (c, node) => ({ type: 'ArrayPattern', $n: node, decorators: [], elements: c.list(node.elements, node) }));
  on([K.BindingElement], (c, node, parent) => {
    if (parent.kind === K.ArrayBindingPattern) {
      const name = c.one(node.name, node);
      if (node.initializer)
        return { type: 'AssignmentPattern', $n: node, decorators: [], left: name, right: c.one(node.initializer, node) };
      return node.dotDotDotToken ? { type: 'RestElement', $n: node, argument: name, decorators: [] } : name;
    }
    if (node.dotDotDotToken)
      return { type: 'RestElement', $n: node, argument: c.one(node.propertyName ?? node.name, node), decorators: [] };
    const value = c.one(node.name, node);
    return {
      type: 'Property',
      $n: node,
      computed: node.propertyName?.kind === K.ComputedPropertyName,
      key: c.one(node.propertyName ?? node.name, node),
      kind: 'init',
      method: false,
      shorthand: !node.propertyName,
      value: node.initializer
        ? { type: 'AssignmentPattern', $n: node, decorators: [], left: value, right: c.one(node.initializer, node) }
        : value,
    };
  });

  // Expressions
  on([K.ArrayLiteralExpression], (c, node) =>
    c.pattern
      ? { type: 'ArrayPattern', $n: node, decorators: [], elements: node.elements.map((element: TsNs.Node) => c.one(element, node, true)) }
      : { type: 'ArrayExpression', $n: node, elements: c.list(node.elements, node) },
  );
  on([K.ObjectLiteralExpression], (c, node) =>
    c.pattern
      ? {
          type: 'ObjectPattern',
          $n: node,
          decorators: [],
          properties: node.properties.map((property: TsNs.Node) => c.one(property, node, true)),
        }
      : { type: 'ObjectExpression', $n: node, properties: c.list(node.properties, node) },
  );
  on([K.PropertyAssignment], (c, node) => ({
    type: 'Property',
    $n: node,
    computed: node.name.kind === K.ComputedPropertyName,
    key: c.one(node.name, node),
    kind: 'init',
    method: false,
    shorthand: false,
    value: c.one(node.initializer, node, c.pattern),
  }));
  on([K.ShorthandPropertyAssignment], (c, node) => {
    const value = c.one(node.name, node);
    return {
      type: 'Property',
      $n: node,
      computed: false,
      key: c.one(node.name, node),
      kind: 'init',
      method: false,
      shorthand: true,
      value: node.objectAssignmentInitializer
        ? { type: 'AssignmentPattern', $n: node, decorators: [], left: value, right: c.one(node.objectAssignmentInitializer, node) }
        : value,
    };
  });
  on([K.SpreadAssignment, K.SpreadElement], (c, node) =>
    c.pattern
      ? { type: 'RestElement', $n: node, argument: c.one(node.expression, node, true), decorators: [] }
      : { type: 'SpreadElement', $n: node, argument: c.one(node.expression, node) },
  );
  on([K.PropertyAccessExpression, K.ElementAccessExpression], (c, node) => {
    const computed = node.kind === K.ElementAccessExpression;
    const result: EsNode = {
      type: 'MemberExpression',
      $n: node,
      computed,
      object: c.one(node.expression, node),
      property: c.one(computed ? node.argumentExpression : node.name, node),
    };
    return c.chain(result, node, 'object', node.questionDotToken != null);
  });
  on([K.CallExpression], (c, node) => {
    if (node.expression.kind === K.ImportKeyword)
      return { type: 'ImportExpression', $n: node, options: c.one(node.arguments[1], node), source: c.one(node.arguments[0], node) };
    const result: EsNode = {
      type: 'CallExpression',
      $n: node,
      arguments: c.list(node.arguments, node),
      callee: c.one(node.expression, node),
    };
    return c.chain(result, node, 'callee', node.questionDotToken != null);
  });
  on([K.NewExpression], (c, node) => ({
    type: 'NewExpression',
    $n: node,
    arguments: c.list(node.arguments, node),
    callee: c.one(node.expression, node),
  }));
  on([K.NonNullExpression], (c, node) =>
    c.chain({ type: 'TSNonNullExpression', $n: node, expression: c.one(node.expression, node) }, node, 'expression', false),
  );
  on([K.AsExpression], (c, node) => ({ type: 'TSAsExpression', $n: node, expression: c.one(node.expression, node) }));
  on([K.SatisfiesExpression], (c, node) => ({ type: 'TSSatisfiesExpression', $n: node, expression: c.one(node.expression, node) }));
  on([K.TypeAssertionExpression], (c, node) => ({ type: 'TSTypeAssertion', $n: node, expression: c.one(node.expression, node) }));
  on([K.ExpressionWithTypeArguments], (c, node) => ({
    type: 'TSInstantiationExpression',
    $n: node,
    expression: c.one(node.expression, node),
  }));
  on([K.FunctionExpression], (c, node) => c.functionLike('FunctionExpression', node, c.one(node.name, node), true));
  on([K.ArrowFunction], (c, node) => c.functionLike('ArrowFunctionExpression', node, null, true));
  on([K.AwaitExpression], (c, node) => ({ type: 'AwaitExpression', $n: node, argument: c.one(node.expression, node) }));
  on([K.YieldExpression], (c, node) => ({ type: 'YieldExpression', $n: node, argument: c.one(node.expression, node) }));
  on([K.DeleteExpression, K.TypeOfExpression, K.VoidExpression], (c, node) => ({
    type: 'UnaryExpression',
    $n: node,
    argument: c.one(node.expression, node),
    operator: node.kind === K.DeleteExpression ? 'delete' : node.kind === K.TypeOfExpression ? 'typeof' : 'void',
  }));
  on([K.PrefixUnaryExpression, K.PostfixUnaryExpression], (c, node) => {
    const operator = ts.tokenToString(node.operator) as string;
    const update = operator === '++' || operator === '--';
    return { type: update ? 'UpdateExpression' : 'UnaryExpression', $n: node, argument: c.one(node.operand, node), operator };
  });
  on([K.BinaryExpression], (c, node) => {
    const operator = ts.tokenToString(node.operatorToken.kind) as string;
    if (operator === ',') {
      const left = c.one(node.left, node) as EsNode;
      const expressions =
        left.type === 'SequenceExpression' && node.left.kind !== K.ParenthesizedExpression ? [...left.expressions] : [left];
      expressions.push(c.one(node.right, node));
      return { type: 'SequenceExpression', $n: node, expressions };
    }
    const assignment = ASSIGNMENT.has(operator);
    if (assignment && c.pattern)
      return { type: 'AssignmentPattern', $n: node, decorators: [], left: c.one(node.left, node, true), right: c.one(node.right, node) };
    const type = assignment ? 'AssignmentExpression' : LOGICAL.has(operator) ? 'LogicalExpression' : 'BinaryExpression';
    return { type, $n: node, operator, left: c.one(node.left, node, assignment), right: c.one(node.right, node) };
  });
  on([K.ConditionalExpression], (c, node) => ({
    type: 'ConditionalExpression',
    $n: node,
    alternate: c.one(node.whenFalse, node),
    consequent: c.one(node.whenTrue, node),
    test: c.one(node.condition, node),
  }));
  on([K.MetaProperty], (c, node) => ({
    type: 'MetaProperty',
    $n: node,
    meta: { type: 'Identifier', $n: node, name: ts.tokenToString(node.keywordToken) },
    property: c.one(node.name, node),
  }));

  // JSX
  const tagName = (node: AnyNode): EsNode => {
    if (node.kind === K.PropertyAccessExpression)
      return { type: 'JSXMemberExpression', $n: node, object: tagName(node.expression), property: tagName(node.name) };
    if (node.kind === K.JsxNamespacedName)
      return { type: 'JSXNamespacedName', $n: node, name: tagName(node.name), namespace: tagName(node.namespace) };
    return node.kind === K.ThisKeyword ? { type: 'ThisExpression', $n: node } : { type: 'JSXIdentifier', $n: node, name: node.text };
  };
  const opening = (c: LiteConverter, node: AnyNode): EsNode => ({
    type: 'JSXOpeningElement',
    $n: node,
    attributes: c.list(node.attributes.properties, node),
    name: tagName(node.tagName),
  });
  on([K.JsxElement], (c, node) => ({
    type: 'JSXElement',
    $n: node,
    children: c.list(node.children, node),
    closingElement: { type: 'JSXClosingElement', $n: node.closingElement, name: tagName(node.closingElement.tagName) },
    openingElement: opening(c, node.openingElement),
  }));
  on([K.JsxFragment], (c, node) => ({
    type: 'JSXFragment',
    $n: node,
    children: c.list(node.children, node),
    closingFragment: { type: 'JSXClosingFragment', $n: node.closingFragment },
    openingFragment: { type: 'JSXOpeningFragment', $n: node.openingFragment },
  }));
  on([K.JsxSelfClosingElement], (c, node) => ({
    type: 'JSXElement',
    $n: node,
    children: [],
    closingElement: null,
    openingElement: opening(c, node),
  }));
  on([K.JsxAttribute], (c, node) => ({
    type: 'JSXAttribute',
    $n: node,
    name: tagName(node.name),
    value: c.one(node.initializer, node),
  }));
  on([K.JsxSpreadAttribute], (c, node) => ({ type: 'JSXSpreadAttribute', $n: node, argument: c.one(node.expression, node) }));
  on([K.JsxExpression], (c, node) => ({
    type: node.dotDotDotToken ? 'JSXSpreadChild' : 'JSXExpressionContainer',
    $n: node,
    expression: node.expression ? c.one(node.expression, node) : { type: 'JSXEmptyExpression', $n: node },
  }));
  on([K.JsxText], leaf('JSXText'));
}

const ASSIGNMENT = new Set(['=', '+=', '-=', '*=', '/=', '%=', '**=', '<<=', '>>=', '>>>=', '&=', '|=', '^=', '&&=', '||=', '??=']);
const LOGICAL = new Set(['&&', '||', '??']);
