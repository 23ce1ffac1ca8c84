using EspriSsh.Core.Errors;

namespace EspriSsh.Core.Interaction
{
    /// <summary>
    /// What to ask, about what, and what a non-interactive session gets instead of a prompt: an
    /// EspriException with <see cref="UnansweredErrorId"/> whose message says how to give the answer
    /// without being asked (a parameter).
    /// </summary>
    public sealed class Question
    {
        public Question(string prompt, object? target, string unansweredErrorId, string howToAnswerWithoutPrompt, string? caption = null)
        {
            Prompt = prompt;
            Target = target;
            UnansweredErrorId = unansweredErrorId;
            HowToAnswerWithoutPrompt = howToAnswerWithoutPrompt;
            Caption = caption;
        }

        /// <summary>"Passphrase of '~/.ssh/id_ed25519'", "Your ESPRI login"...</summary>
        public string Prompt { get; }

        /// <summary>The file or host the question is about (the target of the error when nobody answers).</summary>
        public object? Target { get; }

        public string UnansweredErrorId { get; }

        /// <summary>"Pass -Passphrase (...)": the way a script gives the answer.</summary>
        public string HowToAnswerWithoutPrompt { get; }

        /// <summary>A title for choice and yes/no prompts.</summary>
        public string? Caption { get; }

        /// <summary>A passphrase question: unanswered, it is PassphraseRequired (a PassphraseRequiredException).</summary>
        public static Question ForPassphrase(string prompt, object? target, string howToAnswerWithoutPrompt) =>
            new Question(prompt, target, ErrorIds.PassphraseRequired, howToAnswerWithoutPrompt);

        /// <summary>What is thrown instead of asking when nobody can answer.</summary>
        public EspriException Unanswerable()
        {
            string message = $"{Prompt}: this is needed and the session cannot ask for it (it is not interactive). {HowToAnswerWithoutPrompt}";
            return UnansweredErrorId == ErrorIds.PassphraseRequired
                ? new PassphraseRequiredException(message, Target)
                : new EspriException(UnansweredErrorId, message, Target);
        }
    }
}
