/**
 * Community issues (⑤地域課題) raised to the council: raised, discussed, proposed as policy, closed.
 */
package jp.coordination.command.communityissue;
