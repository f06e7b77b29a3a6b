/** HTTP error answers as application/problem+json (RFC 9457), never a stack trace. */
package jp.coordination.query.web;
