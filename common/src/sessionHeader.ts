/**
 * A header telling the server a request was made by a timer, not by the user: it does not extend
 * the session. Its own file without zod, so the interface's entry bundle imports it cheaply.
 */
export const BACKGROUND_HEADER = 'x-nuanyang-background';
