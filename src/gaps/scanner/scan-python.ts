import type { Node } from 'web-tree-sitter';
import { pythonParser } from '../../adapters/python-parser.js';
import { emptyScan, type FileScan } from './types.js';
import { pythonString, pythonValue } from './python-values.js';
import { isDocstring, keywordString, line, stringArg } from './python-nodes.js';
import { PYTHON_BLOCKS, PythonRouteScanner } from './python-route-scanner.js';
import { markersInComment } from './markers.js';
import { isTestPath } from './test-paths.js';
import { PYTHON_CLIENT_HINT, pythonCalls } from './py-calls.js';

export { pythonString, pythonValue };

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];
const FRAMEWORKS = /^(?:fastapi|flask|flask_restful|flask_restx|flask_smorest)(?:\.|$)/;
/** Registrations made inside functions (`create_app()`): only walked when the text names one. */
const REGISTRATIONS = /\b(?:register_blueprint|include_router|add_url_rule|add_resource|add_api_route|route|init_app)\b/;

/** Scans a Python file with tree-sitter: symbols, imports, tests, commands, stubs, markers, routes. */
export async function scanPython(path: string, content: string): Promise<FileScan> {
  const parser = await pythonParser();
  const tree = parser.parse(content);
  const scan = emptyScan(path, 'python', content.split('\n').length);
  if (!tree) {
    scan.error = 'tree-sitter returned no tree';
    return scan;
  }
  try {
    const hints = {
      markers: /\b(?:TODO|FIXME|XXX|HACK)\b/.test(content),
      raises: content.includes('NotImplemented'),
      registrations: REGISTRATIONS.test(content),
    };
    new PythonScanner(scan, isTestPath(path) || /(?:^|\/)conftest\.py$/.test(path), hints).module(tree.rootNode);
    if (PYTHON_CLIENT_HINT.test(content)) scan.calls.push(...pythonCalls(tree.rootNode));
  } finally {
    tree.delete();
  }
  return scan;
}

/** Symbols, imports, tests, commands, stubs and markers; the web side is `PythonRouteScanner`'s. */
class PythonScanner extends PythonRouteScanner {
  private commandStyle: 'typer' | 'click' | null = null;

  constructor(
    scan: FileScan,
    isTestFile: boolean,
    /** What the text can contain at all: walking the tree for absent things is the slow part. */
    private readonly hints: { markers: boolean; raises: boolean; registrations: boolean },
  ) {
    super(scan, isTestFile);
  }

  module(root: Node): void {
    for (const comment of this.hints.markers ? root.descendantsOfType('comment') : []) {
      if (comment) this.scan.todos.push(...markersInComment(comment.text.replace(/^#/, ''), line(comment)));
    }
    for (const statement of root.namedChildren) if (statement) this.statement(statement, true);
    const extracted = this.scan.routes.length + this.scan.mounts.length;
    if (this.framework && this.registrations > 0 && extracted === 0 && !this.scan.warnings?.length)
      this.warn(1, `uses ${this.framework} and registers routes, but no route could be read from it`);
  }

  private statement(node: Node, topLevel: boolean, container?: string, containerIsAbstract = false): void {
    if (PYTHON_BLOCKS.has(node.type)) {
      // `if __name__ == "__main__":` and try/except around imports still hold module-level code.
      for (const child of node.namedChildren) if (child) this.statement(child, topLevel, container, containerIsAbstract);
      return;
    }
    switch (node.type) {
      case 'import_statement':
        this.importStatement(node);
        return;
      case 'import_from_statement':
        this.importFromStatement(node);
        return;
      case 'decorated_definition': {
        const definition = node.childForFieldName('definition');
        const decorators = node.namedChildren.filter((child): child is Node => child?.type === 'decorator');
        if (definition) this.definition(definition, decorators, topLevel, container, containerIsAbstract);
        return;
      }
      case 'function_definition':
      case 'class_definition':
        this.definition(node, [], topLevel, container, containerIsAbstract);
        return;
      case 'expression_statement':
        this.expressionStatement(node, topLevel, container);
        return;
      default:
        return;
    }
  }

  /** `import fastapi`, `import flask_restful as restful`: the module under its local name. */
  private importStatement(node: Node): void {
    for (const child of node.namedChildren) {
      if (!child) continue;
      const aliased = child.type === 'aliased_import';
      const dotted = aliased ? child.childForFieldName('name') : child;
      if (!dotted) continue;
      const alias = aliased ? child.childForFieldName('alias')?.text : undefined;
      const source = dotted.text;
      this.noteModule(source);
      this.scan.imports.push({ source, names: [{ local: alias ?? source.split('.')[0]!, imported: '*' }], line: line(node) });
    }
  }

  /** `from fastapi import APIRouter, Depends as D`. */
  private importFromStatement(node: Node): void {
    const moduleNode = node.childForFieldName('module_name');
    if (!moduleNode) return;
    const names: Array<{ local: string; imported: string }> = [];
    for (const child of node.childrenForFieldName('name')) {
      if (!child) continue;
      if (child.type === 'aliased_import') {
        const imported = child.childForFieldName('name')?.text ?? '';
        names.push({ local: child.childForFieldName('alias')?.text ?? imported, imported });
      } else names.push({ local: child.text, imported: child.text });
    }
    this.scan.imports.push({ source: moduleNode.text, names, line: line(node) });
    this.noteModule(moduleNode.text);
  }

  /** The command framework (typer, click) and the web framework a module import reveals. */
  private noteModule(module: string): void {
    if (module === 'typer' || module.startsWith('typer.')) this.commandStyle = 'typer';
    if (module === 'click') this.commandStyle ??= 'click';
    if (FRAMEWORKS.test(module)) this.framework ??= module.split('.')[0] as string;
  }

  private definition(node: Node, decorators: Node[], topLevel: boolean, container: string | undefined, containerIsAbstract: boolean): void {
    if (node.type === 'class_definition') this.classDefinition(node, decorators, topLevel);
    else this.functionDefinition(node, decorators, topLevel, container, containerIsAbstract);
  }

  private classDefinition(node: Node, decorators: Node[], topLevel: boolean): void {
    const name = node.childForFieldName('name')?.text ?? '';
    const startLine = line(decorators[0] ?? node);
    this.scan.symbols.push({ name, kind: 'class', line: line(node), exported: topLevel && !name.startsWith('_') });
    if (topLevel) this.scan.exports[name] = name;
    const bases = node.childForFieldName('superclasses')?.text ?? '';
    const abstract = /\b(?:ABC|Protocol|ABCMeta)\b/.test(bases);
    const body = node.childForFieldName('body');
    for (const child of body?.namedChildren ?? []) if (child) this.statement(child, false, name, abstract);
    const methods = this.scan.symbols
      .filter((symbol) => symbol.container === name && HTTP_METHODS.includes(symbol.name))
      .map((symbol) => symbol.name.toUpperCase());
    if (methods.length > 0) this.viewMethods.set(name, methods);
    // flask-smorest / Flask `@bp.route("/x")` on a `MethodView`: the class serves what it defines.
    for (const decorator of decorators) this.decorator(decorator, name, startLine, methods.length > 0 ? methods : ['*']);
  }

  private functionDefinition(
    node: Node,
    decorators: Node[],
    topLevel: boolean,
    container: string | undefined,
    containerIsAbstract: boolean,
  ): void {
    const name = node.childForFieldName('name')?.text ?? '';
    const startLine = line(decorators[0] ?? node);
    this.scan.symbols.push({
      name,
      kind: container ? 'method' : 'function',
      line: line(node),
      exported: topLevel && !name.startsWith('_'),
      ...(container ? { container } : {}),
    });
    if (topLevel) this.scan.exports[name] = name;
    if (this.isTestFile && name.startsWith('test')) {
      this.scan.tests.push({ name, line: line(node), parents: container ? [container] : [] });
    }
    for (const decorator of decorators) this.decorator(decorator, name, startLine);
    if (this.hints.registrations) this.functionBody(node.childForFieldName('body'));
    this.checkStub(node, name, containerIsAbstract || decorators.some(isAbstractDecorator));
    if (topLevel) this.returnedInstance(node, name);
  }

  protected decorator(decorator: Node, functionName: string, startLine: number, classMethods?: string[]): void {
    const parts = decoratorParts(decorator);
    if (!parts) return;
    const { owner, member, args } = parts;
    if (classMethods && member !== 'route') return;
    if (member === 'command' || (member === 'group' && owner !== 'click')) this.command(owner, args, functionName, startLine);
    else this.routeDecorator(owner, member, args, startLine, classMethods);
  }

  /** `@app.command()`, `@cli.group("name")`: a CLI command named explicitly or after the function. */
  private command(owner: string, args: Node | null, functionName: string, startLine: number): void {
    const explicit = stringArg(args, 0) ?? keywordString(args, 'name');
    const style = this.commandStyle ?? (owner === 'click' ? 'click' : 'typer');
    this.scan.commands.push({ name: explicit ?? functionName.replace(/_/g, '-'), line: startLine, framework: style });
  }

  private checkStub(node: Node, name: string, abstract: boolean): void {
    const body = node.childForFieldName('body');
    if (!body) return;
    for (const raise of this.hints.raises ? body.descendantsOfType('raise_statement') : []) {
      if (!raise || abstract) continue;
      const raised = raise.namedChildren[0];
      const raisedName = raised?.type === 'call' ? raised.childForFieldName('function')?.text : raised?.text;
      if (raisedName === 'NotImplementedError' || raisedName === 'NotImplemented') {
        this.scan.stubs.push({ name, line: line(raise), reason: 'not-implemented' });
      }
    }
    if (abstract || /^__\w+__$/.test(name)) return;
    const statements = body.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment');
    const meaningful = statements.filter((statement, index) => !(index === 0 && isDocstring(statement)));
    // A body of only `pass`, `...` or a docstring does nothing.
    if (
      meaningful.every(
        (statement) => statement.type === 'pass_statement' || (statement.type === 'expression_statement' && statement.text === '...'),
      )
    ) {
      this.scan.stubs.push({ name, line: line(node), reason: 'pass-body' });
    }
  }

  private expressionStatement(node: Node, topLevel: boolean, container?: string): void {
    const expression = node.namedChildren[0];
    if (!expression) return;
    if (expression.type === 'assignment') {
      const left = expression.childForFieldName('left');
      const right = expression.childForFieldName('right');
      if (left?.type === 'identifier') {
        if (topLevel) {
          this.scan.symbols.push({ name: left.text, kind: 'variable', line: line(node), exported: !left.text.startsWith('_') });
          this.scan.exports[left.text] = left.text;
        }
        if (right && (topLevel || container)) this.recordValue(container ? `${container}.${left.text}` : left.text, right);
        if (right?.type === 'call') this.routerDeclaration(left.text, right);
      }
      return;
    }
    if (expression.type === 'call') this.mountCall(expression);
  }
}

/** `@abstractmethod`, `@typing.overload`: the body is not meant to do anything. */
function isAbstractDecorator(decorator: Node): boolean {
  return /(?:^|\.)(?:abstractmethod|overload|abstractproperty)\b/.test(decorator.text.replace(/^@\s*/, ''));
}

/** `@owner.member(args)` or `@owner.member`: the parts a command or route decorator is read from. */
function decoratorParts(decorator: Node): { owner: string; member: string; args: Node | null } | undefined {
  const call = decorator.namedChildren.find((child) => child?.type === 'call') ?? null;
  const callee = call?.childForFieldName('function') ?? decorator.namedChildren[0] ?? null;
  if (!callee || callee.type !== 'attribute') return undefined;
  return {
    owner: callee.childForFieldName('object')?.text ?? '',
    member: callee.childForFieldName('attribute')?.text ?? '',
    args: call?.childForFieldName('arguments') ?? null,
  };
}
