/**
 * Events of community issues (⑤地域課題) that the hub raises to the council, from discussion to a
 * policy proposal.
 */
package jp.coordination.events.communityissue;
