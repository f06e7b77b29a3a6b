/**
 * What both services' OpenAPI descriptions share: title, version, the way callers sign in, and the
 * problem+json answers every operation can give, added by rule instead of per method.
 */
package jp.coordination.platform.apidocs;
