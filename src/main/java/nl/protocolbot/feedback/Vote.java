package nl.protocolbot.feedback;

/** A 👍 or a 👎 on an answer. */
public enum Vote { UP, DOWN }
