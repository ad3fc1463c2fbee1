// Passwords that appear at the top of public leak statistics, plus the Russian ones:
// Cyrillic words, keyboard rows, and Russian words typed on the English layout
// ('gfhjkm' is «пароль»). Lower case; checks compare case-insensitively and also after
// stripping digits/symbols around the word, so 'Qwerty2024!' is caught via 'qwerty'.

export const COMMON_PASSWORDS: readonly string[] = [
  // digits
  '123456', '1234567', '12345678', '123456789', '1234567890', '0987654321', '987654321',
  '12345', '1234', '111111', '11111111', '000000', '00000000', '123123', '123123123',
  '654321', '666666', '777777', '7777777', '888888', '88888888', '99999999', '555555',
  '121212', '112233', '123321', '123654', '159753', '147258369', '789456123', '12341234',
  '1111111111', '2000', '2010', '2024', '2025',
  // keyboard patterns (QWERTY)
  'qwerty', 'qwerty1', 'qwerty12', 'qwerty123', 'qwerty1234', 'qwerty12345', 'qwertyuiop',
  'qwertyu', 'ytrewq', 'qwe123', 'qweqwe', 'qweasd', 'qweasdzxc', 'asdfgh', 'asdfghjkl',
  'asdasd', 'zxcvbn', 'zxcvbnm', 'qazwsx', 'qazwsxedc', '1qaz2wsx', 'zaq12wsx', 'zaq1zaq1',
  '1q2w3e', '1q2w3e4r', '1q2w3e4r5t', '1q2w3e4r5t6y', 'q1w2e3r4', 'q1w2e3r4t5', '1234qwer',
  'abc123', 'abcdef', 'abcd1234', 'a123456', 'aa123456', '123abc', 'aaaaaa',
  // English words
  'password', 'password1', 'password12', 'password123', 'passw0rd', 'p@ssw0rd', 'pass',
  'admin', 'admin123', 'administrator', 'root', 'user', 'test', 'test123', 'guest',
  'welcome', 'letmein', 'iloveyou', 'monkey', 'dragon', 'master', 'football', 'baseball',
  'superman', 'batman', 'shadow', 'sunshine', 'princess', 'starwars', 'pokemon', 'minecraft',
  'samsung', 'computer', 'internet', 'hello', 'love', 'secret', 'changeme', 'matrix', 'killer',
  'school', 'student', 'teacher',
  // Russian words typed in Latin, and on the English layout
  'parol', 'privet', 'lubov', 'lyubov', 'natasha', 'maksim', 'marina', 'svetlana', 'sasha',
  'nikita', 'dima', 'spartak', 'zenit', 'cska', 'gfhjkm', 'ghbdtn', 'kfgjxrf',
  // Russian keyboard rows and Cyrillic words
  'йцукен', 'йцукенг', 'йцукенгшщз', 'йцукенгшщзхъ', 'фывапролдж', 'фыва', 'ячсмить',
  'пароль', 'привет', 'любовь', 'солнышко', 'лапочка', 'котик', 'наташа', 'максим',
  'школа', 'ученик', 'учитель', 'дневник', 'журнал', 'спартак', 'зенит', 'россия',
];
