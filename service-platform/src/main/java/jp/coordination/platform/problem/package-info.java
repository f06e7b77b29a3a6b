/**
 * Error answers as application/problem+json (RFC 9457) with one scheme of type URIs, never a stack
 * trace.
 */
package jp.coordination.platform.problem;
