/**
 * Events of experience stays (③体験の機会・場): trial stays in a group home, alone, in short stay or in
 * day activities.
 */
package jp.coordination.events.experiencestay;
