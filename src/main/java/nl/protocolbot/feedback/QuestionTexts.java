package nl.protocolbot.feedback;

/** Whether question texts are kept at all ({@code PROTOCOLBOT_KEEP_UNANSWERED}). */
public enum QuestionTexts { KEEP, DISCARD }
