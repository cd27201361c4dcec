export { extractArticle, type ExtractContext } from './extract-article.js';
export { NotAnArticleError, isNotAnArticleError } from './errors.js';
export { chooseLanguage } from './language.js';
