// Caps on what a dataset may hold and on the shape of an imported file. A file the validator
// accepts is compiled into the matcher and stored; without caps one alias of 300,000 characters or a
// file nested thousands of levels deep passed the checks and then broke what came after (compiling,
// storing, the options page). The caps are far above anything a real dataset needs, and the build,
// the options page and the background all use these same numbers.

/** Entities in one dataset (the bundled one has a few hundred). */
export const MAX_ENTITIES = 20_000;

/**
 * Characters in one alias, context word or event clue: the longest real names (full official treaty
 * titles) stay well under 200. Each alias becomes trie states and several Russian case forms.
 */
export const MAX_NAME_LENGTH = 200;

/**
 * Names in one list (aliases, context aliases or words, event clues) in one language: the richest
 * real entities (a series' generated edition names, a long-lived treaty) need a few dozen.
 */
export const MAX_NAMES_PER_LIST = 200;

/**
 * Nesting depth of an imported JSON file: a compiled dataset is about seven levels deep. Deeper
 * files are refused before anything walks them recursively (JSON.stringify, structured clone).
 */
export const MAX_JSON_DEPTH = 32;
