package auth

// commonPasswords lists, one per line and lower-case, frequent passwords
// from public breach corpora (such as the NCSC top 100,000 list and
// SecLists) that are long enough to pass the length check, plus a few
// romanised Japanese ones. It is deliberately small: it stops the guesses
// an attacker tries first, not every weak password.
const commonPasswords = `123456789012
123123123123
123456789abc
abc123456789
abcd1234abcd
qwerty123456
qwertyuiop123
1q2w3e4r5t6y
q1w2e3r4t5y6
1qaz2wsx3edc
1qaz2wsx3edc4rfv
qazwsxedcrfv
zaq12wsxcde3
zaq1zaq1zaq1
asdfghjkl123
1234567890-=
password1234
password12345
passwordpassword
mypassword123
administrator
abcdefghijkl
1qazxsw23edc
1q2w3e4r5t6y7u
qweasdzxc123
123456789123
1234567890123
12345678901234
123456123456
123412341234
111222333444
112233445566
098765432100
password1234567
password123456
password!123
passw0rd1234
p@ssw0rd1234
iloveyou1234
iloveyou12345
iloveyouiloveyou
qwertyuiop12
qwertyuiopasdf
qwertyqwerty
qwerty123qwerty
asdfghjklqwerty
asdfasdfasdf
zxcvbnm12345
zxcvbnm123456
1qaz2wsx3edc4r
1q2w3e4r1q2w3e4r
q1w2e3r4q1w2e3r4
abc123abc123
abcdefghijklmn
abcdefg123456
football1234
baseball1234
sunshine1234
princess1234
superman1234
welcome12345
letmein12345
monkey123456
dragon123456
trustno1trustno1
changeme1234
administrator1
pokemon12345
doraemon1234
naruto123456
arigatou1234
arigatougozaimasu
konnichiwa123
ohayougozaimasu
nihon1234567
tokyo1234567
sakura123456
sakurasakura
yamato123456
fujisan12345
`
