// The JSM line's name, apart from the check: the check-up's first step names
// the line it leaves pending without bundling the JSM connection.
export const JSM_CHECK = "Jira Service Management";
