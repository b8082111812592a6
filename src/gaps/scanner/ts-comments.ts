import type TsNs from 'typescript';

type Ts = typeof import('typescript');

/** A comment as the scanner reads it: its text without the delimiters, and its first line. */
export interface TsComment {
  value: string;
  loc: { start: { line: number } };
}

/**
 * The comments of a file, the ones typescript-estree lists (it uses ts-api-utils'
 * `iterateComments`, and so does this): the trivia before and after every token, so `//` in a
 * string, a template or JSX text is not a comment. `source` needs parent pointers.
 */
export function commentsOf(ts: Ts, source: TsNs.SourceFile): TsComment[] {
  const text = source.text;
  const jsx = source.languageVariant === ts.LanguageVariant.JSX;
  const comments: TsComment[] = [];
  const collect = (pos: number, end: number, kind: TsNs.CommentKind): undefined => {
    const value = text.slice(pos + 2, kind === ts.SyntaxKind.SingleLineCommentTrivia ? end : end - 2);
    comments.push({ value, loc: { start: { line: source.getLineAndCharacterOfPosition(pos).line + 1 } } });
    // A truthy return would stop the iteration.
    return undefined;
  };
  const queue: TsNs.Node[] = [];
  let node: TsNs.Node = source;
  for (;;) {
    if (ts.isTokenKind(node.kind)) {
      if (node.pos !== node.end) {
        if (node.kind !== ts.SyntaxKind.JsxText)
          ts.forEachLeadingCommentRange(text, node.pos === 0 ? (ts.getShebang(text) ?? '').length : node.pos, collect);
        if (!jsx || canHaveTrailingTrivia(ts, node)) ts.forEachTrailingCommentRange(text, node.end, collect);
      }
    } else {
      const children = node.getChildren(source);
      if (children.length === 1) {
        node = children[0] as TsNs.Node;
        continue;
      }
      for (let i = children.length - 1; i >= 0; i--) queue.push(children[i] as TsNs.Node);
    }
    const next = queue.pop();
    if (!next) break;
    node = next;
  }
  return comments;
}

/** In JSX, what follows some `}` and `>` tokens is JSX text, not trivia. */
function canHaveTrailingTrivia(ts: Ts, token: TsNs.Node): boolean {
  const K = ts.SyntaxKind;
  const parent = token.parent;
  const isElement = (node: TsNs.Node | undefined): boolean => node?.kind === K.JsxElement || node?.kind === K.JsxFragment;
  if (token.kind === K.CloseBraceToken) return parent.kind !== K.JsxExpression || !isElement(parent.parent);
  if (token.kind !== K.GreaterThanToken) return true;
  switch (parent.kind) {
    case K.JsxClosingElement:
    case K.JsxClosingFragment:
      return !isElement(parent.parent?.parent);
    case K.JsxOpeningElement:
      return token.end !== parent.end;
    case K.JsxOpeningFragment:
      return false;
    case K.JsxSelfClosingElement:
      return token.end !== parent.end || !isElement(parent.parent);
    default:
      return true;
  }
}
