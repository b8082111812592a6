import type TsNs from 'typescript';
import type { EsNode } from './ts-url.js';
import { leaf, named, type On, type Ts } from './lite-converter.js';

/** Conversions of names, literals, templates, statements and declarations (see `liteProgram`). */
export function addStatementConverters(ts: Ts, on: On): void {
  const K = ts.SyntaxKind;
  on([K.Identifier], (c, node) => named(node));
  on([K.PrivateIdentifier], (_c, node) => ({ type: 'PrivateIdentifier', $n: node, name: node.text.slice(1) }));
  on([K.ThisKeyword], leaf('ThisExpression'));
  on([K.SuperKeyword], leaf('Super'));
  on([K.NullKeyword], (c, node) => c.literal(node, null));
  on([K.TrueKeyword], (c, node) => c.literal(node, true));
  on([K.FalseKeyword], (c, node) => c.literal(node, false));
  on([K.StringLiteral], (c, node) => c.literal(node, node.text));
  on([K.NumericLiteral], (c, node) => c.literal(node, Number(node.text)));
  on([K.BigIntLiteral], (c, node) => c.literal(node, BigInt(node.getText(c.source).slice(0, -1).replaceAll('_', ''))));
  on([K.RegularExpressionLiteral], (c, node) => {
    const text = node.text as string;
    const slash = text.lastIndexOf('/');
    let regex: RegExp | null = null;
    try {
      regex = new RegExp(text.slice(1, slash), text.slice(slash + 1));
    } catch {
      regex = null;
    }
    return c.literal(node, regex);
  });
  on([K.NoSubstitutionTemplateLiteral], (c, node, parent) => ({
    type: 'TemplateLiteral',
    $n: node,
    expressions: [],
    quasis: [c.template(node, true, parent.kind === K.TaggedTemplateExpression)],
  }));
  on([K.TemplateExpression], (c, node, parent) => {
    const tagged = parent.kind === K.TaggedTemplateExpression;
    const result: EsNode = { type: 'TemplateLiteral', $n: node, expressions: [], quasis: [c.template(node.head, false, tagged)] };
    for (const span of node.templateSpans) {
      result.expressions.push(c.one(span.expression, span));
      result.quasis.push(c.template(span.literal, span.literal.kind === K.TemplateTail, tagged));
    }
    return result;
  });
  on([K.TaggedTemplateExpression], (c, node) => ({
    type: 'TaggedTemplateExpression',
    $n: node,
    quasi: c.one(node.template, node),
    tag: c.one(node.tag, node),
  }));
  on([K.ParenthesizedExpression], (c, node, parent) => c.one(node.expression, parent, c.pattern));
  on([K.ComputedPropertyName], (c, node, parent) => c.one(node.expression, parent));
  on([K.OmittedExpression], () => null);

  // Statements
  on([K.Block], (c, node) => ({ type: 'BlockStatement', $n: node, body: c.body(node.statements, node) }));
  on([K.EmptyStatement], leaf('EmptyStatement'));
  on([K.DebuggerStatement], leaf('DebuggerStatement'));
  on([K.ExpressionStatement], (c, node) => ({ type: 'ExpressionStatement', $n: node, expression: c.one(node.expression, node) }));
  on([K.IfStatement], (c, node) => ({
    type: 'IfStatement',
    $n: node,
    alternate: c.one(node.elseStatement, node),
    consequent: c.one(node.thenStatement, node),
    test: c.one(node.expression, node),
  }));
  on([K.DoStatement], (c, node) => ({
    type: 'DoWhileStatement',
    $n: node,
    body: c.one(node.statement, node),
    test: c.one(node.expression, node),
  }));
  on([K.WhileStatement], (c, node) => ({
    type: 'WhileStatement',
    $n: node,
    body: c.one(node.statement, node),
    test: c.one(node.expression, node),
  }));
  on([K.WithStatement], (c, node) => ({
    type: 'WithStatement',
    $n: node,
    body: c.one(node.statement, node),
    object: c.one(node.expression, node),
  }));
  on([K.ForStatement], (c, node) => ({
    type: 'ForStatement',
    $n: node,
    body: c.one(node.statement, node),
    init: c.one(node.initializer, node),
    test: c.one(node.condition, node),
    update: c.one(node.incrementor, node),
  }));
  on([K.ForInStatement, K.ForOfStatement], (c, node) => ({
    type: node.kind === K.ForInStatement ? 'ForInStatement' : 'ForOfStatement',
    $n: node,
    body: c.one(node.statement, node),
    left: c.one(node.initializer, node, true),
    right: c.one(node.expression, node),
  }));
  on([K.ContinueStatement, K.BreakStatement], (c, node) => ({
    type: node.kind === K.BreakStatement ? 'BreakStatement' : 'ContinueStatement',
    $n: node,
    label: c.one(node.label, node),
  }));
  on([K.ReturnStatement], (c, node) => ({ type: 'ReturnStatement', $n: node, argument: c.one(node.expression, node) }));
  on([K.ThrowStatement], (c, node) => ({ type: 'ThrowStatement', $n: node, argument: c.one(node.expression, node) }));
  on([K.LabeledStatement], (c, node) => ({
    type: 'LabeledStatement',
    $n: node,
    body: c.one(node.statement, node),
    label: c.one(node.label, node),
  }));
  on([K.SwitchStatement], (c, node) => ({
    type: 'SwitchStatement',
    $n: node,
    cases: c.list(node.caseBlock.clauses, node),
    discriminant: c.one(node.expression, node),
  }));
  on([K.CaseClause, K.DefaultClause], (c, node) => ({
    type: 'SwitchCase',
    $n: node,
    consequent: c.list(node.statements, node),
    test: node.kind === K.CaseClause ? c.one(node.expression, node) : null,
  }));
  on([K.TryStatement], (c, node) => ({
    type: 'TryStatement',
    $n: node,
    block: c.one(node.tryBlock, node),
    finalizer: c.one(node.finallyBlock, node),
    handler: c.one(node.catchClause, node),
  }));
  on([K.CatchClause], (c, node) => ({
    type: 'CatchClause',
    $n: node,
    body: c.one(node.block, node),
    param: node.variableDeclaration ? c.one(node.variableDeclaration.name, node.variableDeclaration) : null,
  }));
  on([K.VariableStatement], (c, node) =>
    c.exported(node, {
      type: 'VariableDeclaration',
      $n: node,
      declarations: c.list(node.declarationList.declarations, node.declarationList),
      kind: declarationKind(ts, node.declarationList),
    }),
  );
  on([K.VariableDeclarationList], (c, node) => ({
    type: 'VariableDeclaration',
    $n: node,
    declarations: c.list(node.declarations, node),
    kind: declarationKind(ts, node),
  }));
  on([K.VariableDeclaration], (c, node) => ({
    type: 'VariableDeclarator',
    $n: node,
    id: c.one(node.name, node),
    init: c.one(node.initializer, node),
  }));
  on([K.FunctionDeclaration], (c, node) =>
    c.exported(node, c.functionLike(node.body ? 'FunctionDeclaration' : 'TSDeclareFunction', node, c.one(node.name, node), true)),
  );
  on([K.ClassDeclaration, K.ClassExpression], (c, node) => {
    const extendsClause = node.heritageClauses?.find((clause: TsNs.HeritageClause) => clause.token === K.ExtendsKeyword);
    const result: EsNode = {
      type: node.kind === K.ClassDeclaration ? 'ClassDeclaration' : 'ClassExpression',
      $n: node,
      body: {
        type: 'ClassBody',
        $n: node,
        $s: node.members.pos - 1,
        body: c.list(
          node.members.filter((member: TsNs.Node) => member.kind !== K.SemicolonClassElement),
          node,
        ),
      },
      decorators: c.decorators(node),
      id: c.one(node.name, node),
      superClass: extendsClause?.types[0] ? c.one(extendsClause.types[0].expression, extendsClause.types[0]) : null,
    };
    return node.kind === K.ClassDeclaration ? c.exported(node, result) : result;
  });
  on([K.InterfaceDeclaration], (c, node) => c.exported(node, { type: 'TSInterfaceDeclaration', $n: node, id: c.one(node.name, node) }));
  on([K.TypeAliasDeclaration], (c, node) => c.exported(node, { type: 'TSTypeAliasDeclaration', $n: node, id: c.one(node.name, node) }));
  on([K.EnumDeclaration], (c, node) => c.exported(node, { type: 'TSEnumDeclaration', $n: node, id: c.one(node.name, node) }));
  on([K.ModuleDeclaration], (c, node) => {
    if (node.flags & ts.NodeFlags.GlobalAugmentation || node.name.kind === K.StringLiteral) {
      const kind = node.name.kind === K.StringLiteral ? 'module' : 'global';
      return c.exported(node, { type: 'TSModuleDeclaration', $n: node, body: c.one(node.body, node), id: c.one(node.name, node), kind });
    }
    // `namespace A.B {}` nests declarations; typescript-estree makes one with the name `A.B`.
    let inner = node;
    let id = named(node.name);
    while (inner.body?.kind === K.ModuleDeclaration && inner.body.name) {
      inner = inner.body;
      id = { type: 'TSQualifiedName', $n: inner.name, left: id, right: named(inner.name) };
    }
    const kind = inner.flags & ts.NodeFlags.Namespace ? 'namespace' : 'module';
    return c.exported(node, { type: 'TSModuleDeclaration', $n: node, body: c.one(inner.body, inner), id, kind });
  });
  on([K.ModuleBlock], (c, node) => ({ type: 'TSModuleBlock', $n: node, body: c.body(node.statements, node) }));
  on([K.ImportEqualsDeclaration], (c, node) =>
    c.exported(node, { type: 'TSImportEqualsDeclaration', $n: node, id: c.one(node.name, node) }),
  );
  on([K.NamespaceExportDeclaration], leaf('TSNamespaceExportDeclaration'));
  on([K.ImportDeclaration], (c, node) => {
    const specifiers: EsNode[] = [];
    const clause = node.importClause as TsNs.ImportClause | undefined;
    if (clause?.name) specifiers.push({ type: 'ImportDefaultSpecifier', $n: clause, local: c.one(clause.name, clause) });
    const bindings = clause?.namedBindings;
    if (bindings?.kind === K.NamespaceImport)
      specifiers.push({ type: 'ImportNamespaceSpecifier', $n: bindings, local: c.one(bindings.name, bindings) });
    else if (bindings?.kind === K.NamedImports)
      for (const element of bindings.elements)
        specifiers.push({
          type: 'ImportSpecifier',
          $n: element,
          imported: c.one(element.propertyName ?? element.name, element),
          local: c.one(element.name, element),
        });
    return { type: 'ImportDeclaration', $n: node, source: c.one(node.moduleSpecifier, node), specifiers };
  });
  on([K.ExportDeclaration], (c, node) =>
    node.exportClause?.kind === K.NamedExports
      ? {
          type: 'ExportNamedDeclaration',
          $n: node,
          declaration: null,
          source: c.one(node.moduleSpecifier, node),
          specifiers: c.list(node.exportClause.elements, node),
        }
      : {
          type: 'ExportAllDeclaration',
          $n: node,
          exported: node.exportClause ? c.one(node.exportClause.name, node.exportClause) : null,
          source: c.one(node.moduleSpecifier, node),
        },
  );
  on([K.ExportSpecifier], (c, node) => ({
    type: 'ExportSpecifier',
    $n: node,
    exported: c.one(node.name, node),
    local: c.one(node.propertyName ?? node.name, node),
  }));
  on([K.ExportAssignment], (c, node) =>
    node.isExportEquals
      ? { type: 'TSExportAssignment', $n: node, expression: c.one(node.expression, node) }
      : { type: 'ExportDefaultDeclaration', $n: node, declaration: c.one(node.expression, node) },
  );
}

function declarationKind(ts: Ts, list: TsNs.VariableDeclarationList): string {
  const flags = list.flags;
  if ((flags & ts.NodeFlags.AwaitUsing) === ts.NodeFlags.AwaitUsing) return 'await using';
  if (flags & ts.NodeFlags.Using) return 'using';
  if (flags & ts.NodeFlags.Const) return 'const';
  if (flags & ts.NodeFlags.Let) return 'let';
  return 'var';
}
