export const ndjson = {
    name: 'ndjson',
    extension: 'ndjson',
    contentType: 'application/x-ndjson; charset=utf-8',
    description: 'One JSON object per line, one line per event.',
    metaInBody: false,
    async *write(records) {
        for await (const record of records)
            yield `${JSON.stringify(record)}\n`;
    },
};
export const json = {
    name: 'json',
    extension: 'json',
    contentType: 'application/json; charset=utf-8',
    description: 'A JSON array of events, one per line.',
    metaInBody: false,
    async *write(records) {
        let first = true;
        yield '[';
        for await (const record of records) {
            yield `${first ? '\n' : ',\n'}${JSON.stringify(record)}`;
            first = false;
        }
        yield first ? ']\n' : '\n]\n';
    },
};
//# sourceMappingURL=json.js.map