package jp.coordination.query.consumer;

/**
 * A kind of projection document: the collection it lives in and the record type of its state.
 *
 * @param collection the MongoDB collection (or in-memory table) name
 * @param type the state's record class, used by stores that serialise
 */
public record DocumentKind<S>(String collection, Class<S> type) {}
