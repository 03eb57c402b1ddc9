/** What a GraphQL response body looks like when `path` failed with `message` and `extensions`. */
export function anErrorBody(path: string, message: string, extensions: object) {
  return {
    data: null,
    errors: [{ message, locations: [{ line: expect.any(Number), column: expect.any(Number) }], path: [path], extensions }],
  };
}

/** The same, as the whole HTTP answer (GraphQL errors still come with status 200). */
export function anErrorResponse(path: string, message: string, extensions: object) {
  return { statusCode: 200, body: anErrorBody(path, message, extensions) };
}

/** A mutation's receipt: the aggregate's id, its new version and the log position it wrote. */
export function aReceiptResponse(mutation: string, id: string, version: number) {
  return { statusCode: 200, body: { data: { [mutation]: { id, version, position: expect.stringMatching(/^\d+$/) } } } };
}
