// Rich text: a summary, a timeline's title slide or an era may carry a little HTML (paragraphs,
// links, emphasis, lists, quotes), as TimelineJS slides and web pages do. It is cleaned on the way
// in, by an allow-list (sanitize-html), so what is stored is safe wherever it is shown; the
// TimelineJS export cleans it again, as it goes where the data came from. Its plain text, derived
// from it, is what searches, CSV cells, calendars and JSON-LD read.
import escapeHtml from 'escape-html';
import { convert } from 'html-to-text';
import sanitizeHtml from 'sanitize-html';

const TEXT_TAGS = ['p', 'br', 'a', 'em', 'strong', 'i', 'b', 'u', 's', 'sub', 'sup', 'small', 'q', 'cite', 'blockquote', 'code', 'ul', 'ol', 'li', 'span'];

/** Links open elsewhere without handing the opened page this one (rel="noopener"). */
function safeLink(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  return { tagName, attribs: attribs.target ? { ...attribs, rel: 'noopener noreferrer' } : attribs };
}

const TEXT_RULES: sanitizeHtml.IOptions = {
  allowedTags: TEXT_TAGS,
  // Classes style a slide (TimelineJS's own "lead", "tl-note"); they cannot run anything.
  allowedAttributes: { a: ['href', 'title', 'target', 'rel'], p: ['class'], span: ['class'], blockquote: ['class', 'cite'], q: ['cite'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href', 'cite', 'src'],
  allowProtocolRelative: false,
  transformTags: { a: safeLink },
};

/**
 * The players and maps a medium may frame: well-known embeds, not any page (a framed page of
 * anyone's could pass for the newsroom's own). Each frame is sandboxed besides.
 */
const EMBED_HOSTS = [
  'www.youtube.com',
  'www.youtube-nocookie.com',
  'player.vimeo.com',
  'www.dailymotion.com',
  'w.soundcloud.com',
  'open.spotify.com',
  'www.google.com',
  'docs.google.com',
  'www.openstreetmap.org',
  'commons.wikimedia.org',
  'archive.org',
];

/** A medium given as markup (TimelineJS takes a quote or an embed in place of a URL): text, and https frames of known players. */
const EMBED_RULES: sanitizeHtml.IOptions = {
  ...TEXT_RULES,
  allowedTags: [...TEXT_TAGS, 'iframe'],
  allowedAttributes: { ...TEXT_RULES.allowedAttributes, iframe: ['src', 'width', 'height', 'title', 'sandbox'] },
  allowedSchemesByTag: { iframe: ['https'] },
  allowedIframeHostnames: EMBED_HOSTS,
  allowIframeRelativeUrls: false,
  transformTags: {
    ...TEXT_RULES.transformTags,
    iframe: (tagName, attribs) => ({ tagName, attribs: { ...attribs, sandbox: 'allow-scripts allow-same-origin allow-popups allow-presentation' } }),
  },
};

/** HTML with only what the allow-list keeps: the rest of a tag is dropped, its text kept; scripts and styles go whole. */
export function cleanHtml(html: string): string {
  return sanitizeHtml(html, TEXT_RULES).trim();
}

/** Markup a medium holds in place of a URL, cleaned as text is, https frames kept. */
export function cleanEmbedHtml(html: string): string {
  return sanitizeHtml(html, EMBED_RULES).trim();
}

/** The text a reader sees in some HTML, on lines as its paragraphs and breaks are: links give their words, not their addresses. */
export function plainTextOf(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'p', options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } },
      // Words, not the markers of a plain-text mail: no "> " before a quote, no "* " before an item.
      { selector: 'blockquote', format: 'block' },
      { selector: 'ul', format: 'block' },
      { selector: 'ol', format: 'block' },
      { selector: 'li', format: 'block' },
    ],
  })
    .replace(/\n{2,}/g, '\n')
    .trim();
}

/** Plain text as HTML that shows it as it is: escaped, a paragraph for each of its lines. */
export function htmlOfText(text: string): string {
  return text
    .split(/\n+/)
    .filter((line) => line.trim())
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('');
}

/**
 * Words an export adds to an event's own (its participants and sources on a TimelineJS slide) go
 * in a block of this class, which an import of the export leaves out: they are not the summary.
 */
const GENERATED_CLASS = 'chronicle-generated';

export const generatedBlock = (html: string) => (html ? `<div class="${GENERATED_CLASS}">${html}</div>` : '');

/** HTML without the blocks an export added: everything else as it is (cleaned later, as any HTML). */
export function withoutGenerated(html: string): string {
  if (!html.includes(GENERATED_CLASS)) return html;
  return sanitizeHtml(html, {
    allowedTags: false,
    allowedAttributes: false,
    allowVulnerableTags: true,
    exclusiveFilter: (frame) => frame.tag === 'div' && (frame.attribs.class ?? '').split(/\s+/).includes(GENERATED_CLASS),
  });
}

/** Whether a string looks like markup rather than a URL or plain words. */
export const isMarkup = (text: string) => /^\s*</.test(text);
