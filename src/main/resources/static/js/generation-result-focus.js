// codes/creation (an external file: the Content-Security-Policy allows no inline script)
// the answer is what the head waits for: read it first
document.getElementById("generation-result").focus();

